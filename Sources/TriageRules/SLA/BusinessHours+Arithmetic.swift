import Foundation

extension BusinessHours {
    /// The most days the arithmetic walks before giving up (ten years); only reached by absurd targets.
    static let dayLimit = 3_700

    /// The moment `seconds` of business time after `start`.
    ///
    /// A start outside opening hours counts from the next opening. Returns `Date.distantFuture` only when the
    /// target does not fit within ten years of business days.
    public func adding(_ seconds: TimeInterval, to start: Date) -> Date {
        var remaining = max(0, seconds)
        var day = calendar.startOfDay(for: start)
        for _ in 0..<Self.dayLimit {
            for window in windows(onDayStarting: day) {
                let from = max(window.start, start)
                if from < window.end {
                    let available = window.end.timeIntervalSince(from)
                    if remaining <= available { return from.addingTimeInterval(remaining) }
                    remaining -= available
                }
            }
            day = nextDay(after: day)
        }
        return .distantFuture
    }

    /// Business time between two moments, in seconds; zero when `end` is not after `start`.
    public func businessSeconds(from start: Date, to end: Date) -> TimeInterval {
        guard end > start else { return 0 }
        var total: TimeInterval = 0
        var day = calendar.startOfDay(for: start)
        var days = 0
        while day < end, days < Self.dayLimit {
            days += 1
            for window in windows(onDayStarting: day) {
                let from = max(window.start, start)
                let to = min(window.end, end)
                if to > from { total += to.timeIntervalSince(from) }
            }
            day = nextDay(after: day)
        }
        return total
    }

    /// `true` when `date` falls inside opening hours.
    public func isOpen(at date: Date) -> Bool {
        windows(onDayStarting: calendar.startOfDay(for: date)).contains { date >= $0.start && date < $0.end }
    }

    /// The opening windows of the local day starting at `dayStart`, in order; none on closed weekdays and holidays.
    func windows(onDayStarting dayStart: Date) -> [(start: Date, end: Date)] {
        let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: dayStart)
        guard let year = parts.year, let month = parts.month, let dayNumber = parts.day, let weekday = parts.weekday,
              let windows = schedule[weekday], !windows.isEmpty,
              !holidays.contains(Day(year: year, month: month, day: dayNumber))
        else { return [] }
        return windows.compactMap { window in
            guard let start = localTime(year: year, month: month, day: dayNumber, minutes: window.opens),
                  let end = localTime(year: year, month: month, day: dayNumber, minutes: window.closes),
                  end > start else { return nil }
            return (start, end)
        }
    }

    private func localTime(year: Int, month: Int, day: Int, minutes: Int) -> Date? {
        if minutes >= 24 * 60 {
            guard let today = calendar.date(from: DateComponents(year: year, month: month, day: day)) else { return nil }
            return nextDay(after: today)
        }
        return calendar.date(from: DateComponents(year: year, month: month, day: day,
                                                  hour: minutes / 60, minute: minutes % 60))
    }

    private func nextDay(after dayStart: Date) -> Date {
        // Noon never falls in a DST gap, so stepping from it is safe on 23- and 25-hour days.
        let noon = dayStart.addingTimeInterval(12 * 3600)
        let next = calendar.date(byAdding: .day, value: 1, to: noon) ?? noon.addingTimeInterval(86_400)
        return calendar.startOfDay(for: next)
    }
}
