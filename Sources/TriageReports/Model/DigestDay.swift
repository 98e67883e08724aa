import Foundation

/// The calendar day a digest covers, in the team's time zone, with the exact instants it starts and ends.
///
/// A day is not always 24 hours: the day clocks go forward has 23, the day they go back has 25.
/// Build one with ``bounds(date:timeZone:)`` rather than adding 86 400 seconds.
public struct DigestDay: Codable, Sendable, Hashable {
    /// The local calendar date, `YYYY-MM-DD`.
    public var date: String
    /// IANA time zone identifier, e.g. `Europe/Berlin`.
    public var timeZone: String
    /// The first instant of the day (inclusive).
    public var start: Date
    /// The first instant of the next day (exclusive).
    public var end: Date

    public init(date: String, timeZone: String, start: Date, end: Date) {
        self.date = date
        self.timeZone = timeZone
        self.start = start
        self.end = end
    }

    /// Length of the day in whole hours (23, 24 or 25 around DST changes).
    public var hours: Int { Int((end.timeIntervalSince(start) / 3600).rounded()) }

    /// Whether `instant` falls within the day: `start <= instant < end`.
    public func contains(_ instant: Date) -> Bool { instant >= start && instant < end }

    /// Computes the day `date` (`YYYY-MM-DD`) in the time zone `timeZone` (an IANA identifier).
    ///
    /// Pure: depends only on its arguments and the system time zone database. The day starts at its first
    /// local instant (midnight, or the first valid time after it where a zone skips midnight) and ends
    /// where the next day starts.
    /// - Throws: ``ReportsError/invalidDate(_:)`` or ``ReportsError/unknownTimeZone(_:)``.
    public static func bounds(date: String, timeZone: String) throws -> DigestDay {
        guard let zone = TimeZone(identifier: timeZone) else { throw ReportsError.unknownTimeZone(timeZone) }
        guard let (year, month, day) = parse(date) else { throw ReportsError.invalidDate(date) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        // Noon exists in every zone on every day; midnight does not (some zones change clocks at 00:00).
        let components = DateComponents(year: year, month: month, day: day, hour: 12)
        guard let noon = calendar.date(from: components),
              calendar.component(.day, from: noon) == day,
              calendar.component(.month, from: noon) == month,
              let nextNoon = calendar.date(byAdding: .day, value: 1, to: noon)
        else { throw ReportsError.invalidDate(date) }
        return DigestDay(date: date, timeZone: timeZone,
                         start: calendar.startOfDay(for: noon), end: calendar.startOfDay(for: nextNoon))
    }

    /// The day before, in the same time zone.
    public func previous() throws -> DigestDay {
        try Self.bounds(date: Self.localDate(of: start.addingTimeInterval(-1), timeZone: timeZone), timeZone: timeZone)
    }

    /// The local `YYYY-MM-DD` date of an instant in a time zone.
    public static func localDate(of instant: Date, timeZone: String) throws -> String {
        guard let zone = TimeZone(identifier: timeZone) else { throw ReportsError.unknownTimeZone(timeZone) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    private static func parse(_ text: String) -> (Int, Int, Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day), year >= 1
        else { return nil }
        return (year, month, day)
    }
}
