import Foundation

/// Opening hours in one time zone: weekdays, one daily window, and holidays.
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

    public var timeZone: TimeZone
    /// Open weekdays, numbered like `Calendar`: 1 = Sunday … 7 = Saturday.
    public var weekdays: Set<Int>
    /// Opening time, minutes after local midnight.
    public var opensAt: Int
    /// Closing time, minutes after local midnight (1440 = midnight at the end of the day).
    public var closesAt: Int
    public var holidays: Set<Day>

    let calendar: Calendar

    /// Creates opening hours; `opensAt < closesAt`, both in minutes after midnight, and at least one weekday.
    public init(timeZone: TimeZone, weekdays: Set<Int> = [2, 3, 4, 5, 6], opensAt: Int = 9 * 60,
                closesAt: Int = 17 * 60, holidays: Set<Day> = []) {
        self.timeZone = timeZone
        self.weekdays = weekdays
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.holidays = holidays
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    public static func == (lhs: BusinessHours, rhs: BusinessHours) -> Bool {
        lhs.timeZone == rhs.timeZone && lhs.weekdays == rhs.weekdays && lhs.opensAt == rhs.opensAt
            && lhs.closesAt == rhs.closesAt && lhs.holidays == rhs.holidays
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(timeZone)
        hasher.combine(weekdays)
        hasher.combine(opensAt)
        hasher.combine(closesAt)
        hasher.combine(holidays)
    }
}
