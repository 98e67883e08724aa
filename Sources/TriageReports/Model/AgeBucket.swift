import Foundation

/// Open tickets whose age falls in `[minimumHours, maximumHours)`.
public struct AgeBucket: Codable, Sendable, Hashable {
    /// Display label, e.g. `1–3 days`.
    public var label: String
    public var minimumHours: Int
    /// `nil` for the open-ended oldest bucket.
    public var maximumHours: Int?
    public var count: Int

    public init(label: String, minimumHours: Int, maximumHours: Int?, count: Int) {
        self.label = label
        self.minimumHours = minimumHours
        self.maximumHours = maximumHours
        self.count = count
    }

    /// The buckets the digest uses by default, as `(label, minimum hours, maximum hours)`.
    public static let standardBounds: [(label: String, minimumHours: Int, maximumHours: Int?)] = [
        ("< 1 day", 0, 24), ("1–3 days", 24, 72), ("3–7 days", 72, 168), ("1–4 weeks", 168, 672), ("> 4 weeks", 672, nil),
    ]
}
