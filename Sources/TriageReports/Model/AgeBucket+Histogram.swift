import Foundation

extension AgeBucket {
    /// Sorts open tickets into age buckets, measured at `instant`.
    ///
    /// - Parameters:
    ///   - openedAt: when each open ticket was created; a time after `instant` counts as age zero.
    ///   - bounds: the buckets, youngest first; defaults to ``standardBounds``. Ages past the last bounded
    ///     bucket fall into the open-ended one when there is one, and are not counted otherwise.
    /// - Returns: one bucket per bound, in the same order, zero counts included.
    public static func histogram(openedAt: some Sequence<Date>, at instant: Date,
                                 bounds: [(label: String, minimumHours: Int, maximumHours: Int?)] = standardBounds)
        -> [AgeBucket] {
        var counts = Array(repeating: 0, count: bounds.count)
        for opened in openedAt {
            let hours = max(0, instant.timeIntervalSince(opened)) / 3600
            if let index = bounds.firstIndex(where: { Double($0.minimumHours) <= hours && hours < Double($0.maximumHours ?? .max) }) {
                counts[index] += 1
            }
        }
        return zip(bounds, counts).map {
            AgeBucket(label: $0.0.label, minimumHours: $0.0.minimumHours, maximumHours: $0.0.maximumHours, count: $0.1)
        }
    }
}
