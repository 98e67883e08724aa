import Foundation

/// Opening hours in one time zone: opening windows per weekday (split shifts and shorter Saturdays included),
/// and holidays.
///
/// All arithmetic goes through a Gregorian `Calendar` in ``timeZone``, so windows follow the local wall clock
/// across daylight-saving changes (09:00–17:00 stays 09:00–17:00 local, however long the day is).
public struct BusinessHours: Sendable, Hashable {
    /// A calendar day in the business time zone (holidays).
    public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
        public var year: Int
        public var month: Int
        public var day: Int

        public init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }

        /// Reads `YYYY-MM-DD`; `nil` otherwise.
        public init?(_ text: String) {
            let parts = text.split(separator: "-")
            guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
                  let day = Int(parts[2]), (1...12).contains(month), (1...31).contains(day) else { return nil }
            self.init(year: year, month: month, day: day)
        }

        public static func < (lhs: Day, rhs: Day) -> Bool {
            (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
        }

        public var description: String {
            String(format: "%04d-%02d-%02d", year, month, day)
        }
    }

    /// An opening window of a day: minutes after local midnight, `opens < closes`, `closes` up to 1440 (midnight
    /// at the end of the day).
    public struct Window: Sendable, Hashable {
        public var opens: Int
        public var closes: Int

        public init(opens: Int, closes: Int) {
            self.opens = opens
            self.closes = closes
        }
    }

    public var timeZone: TimeZone
    /// Opening windows by weekday, numbered like `Calendar`: 1 = Sunday … 7 = Saturday; sorted, not overlapping.
    /// A weekday that is not a key is closed.
    public var schedule: [Int: [Window]]
    public var holidays: Set<Day>

    let calendar: Calendar

    /// Open weekdays, numbered like `Calendar`: 1 = Sunday … 7 = Saturday.
    public var weekdays: Set<Int> { Set(schedule.filter { !$0.value.isEmpty }.keys) }
    /// The earliest opening of the week, minutes after local midnight.
    public var opensAt: Int { schedule.values.joined().map(\.opens).min() ?? 0 }
    /// The latest closing of the week, minutes after local midnight.
    public var closesAt: Int { schedule.values.joined().map(\.closes).max() ?? 0 }

    /// Creates opening hours with one window, the same on every open weekday; `opensAt < closesAt`, both in
    /// minutes after midnight, and at least one weekday.
    public init(timeZone: TimeZone, weekdays: Set<Int> = [2, 3, 4, 5, 6], opensAt: Int = 9 * 60,
                closesAt: Int = 17 * 60, holidays: Set<Day> = []) {
        self.init(timeZone: timeZone,
                  schedule: Dictionary(uniqueKeysWithValues: weekdays.map { ($0, [Window(opens: opensAt, closes: closesAt)]) }),
                  holidays: holidays)
    }

    /// Creates opening hours from windows per weekday (1 = Sunday … 7 = Saturday); windows are sorted here.
    public init(timeZone: TimeZone, schedule: [Int: [Window]], holidays: Set<Day> = []) {
        self.timeZone = timeZone
        self.schedule = schedule.mapValues { $0.sorted { $0.opens < $1.opens } }
        self.holidays = holidays
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    public static func == (lhs: BusinessHours, rhs: BusinessHours) -> Bool {
        lhs.timeZone == rhs.timeZone && lhs.schedule == rhs.schedule && lhs.holidays == rhs.holidays
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(timeZone)
        hasher.combine(schedule)
        hasher.combine(holidays)
    }
}
