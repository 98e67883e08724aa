import Foundation

/// Dates in the store: ISO 8601 UTC text with milliseconds (`2026-11-19T08:02:11.000Z`).
///
/// Text sorts chronologically, SQLite's date functions read it, and people can read it in `sqlite3`.
/// Formatting is hand-rolled because `ISO8601DateFormatter` costs microseconds per call and imports
/// write millions of dates.
public enum SQLDate {
    /// `2026-11-19T08:02:11.000Z`
    public static func string(_ date: Date) -> String {
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var days = totalMilliseconds >= 0 ? totalMilliseconds / 86_400_000 : (totalMilliseconds - 86_399_999) / 86_400_000
        let msOfDay = totalMilliseconds - days * 86_400_000
        // Civil-from-days (proleptic Gregorian), after Howard Hinnant's public-domain algorithm description.
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        var year = yearOfEra + era * 400
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        if month <= 2 { year += 1 }
        let hour = msOfDay / 3_600_000
        let minute = msOfDay / 60_000 % 60
        let second = msOfDay / 1000 % 60
        let millis = msOfDay % 1000

        var bytes = [UInt8](repeating: 0, count: 24)
        func put(_ value: Int64, _ width: Int, at offset: Int) {
            var v = value
            for i in stride(from: offset + width - 1, through: offset, by: -1) {
                bytes[i] = UInt8(48 + v % 10)
                v /= 10
            }
        }
        put(year, 4, at: 0); bytes[4] = 45
        put(month, 2, at: 5); bytes[7] = 45
        put(day, 2, at: 8); bytes[10] = 84
        put(hour, 2, at: 11); bytes[13] = 58
        put(minute, 2, at: 14); bytes[16] = 58
        put(second, 2, at: 17); bytes[19] = 46
        put(millis, 3, at: 20); bytes[23] = 90
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses what `string(_:)` writes; `nil` for anything else.
    public static func date(_ text: String) -> Date? {
        // Reads the string's own UTF-8 storage: no array per call (routing parses millions of dates).
        var text = text
        return text.withUTF8 { date(utf8: $0) }
    }

    private static func date(utf8 b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count >= 20 else { return nil }
        func num(_ from: Int, _ count: Int) -> Int64? {
            var v: Int64 = 0
            for i in from..<(from + count) {
                let c = b[i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int64(c - 48)
            }
            return v
        }
        guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2),
              let mi = num(14, 2), let s = num(17, 2) else { return nil }
        let ms = b.count >= 23 ? (num(20, 3) ?? 0) : 0
        // Days-from-civil.
        let yy = mo <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let seconds = days * 86400 + h * 3600 + mi * 60 + s
        return Date(timeIntervalSince1970: Double(seconds) + Double(ms) / 1000)
    }
}
