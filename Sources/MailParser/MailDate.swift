import Foundation

/// Dates from `Date:` headers: RFC 5322, its obsolete forms, and common malformed ones.
///
/// Accepts: optional day name, `1 Jul 2003` or `Jul 1 2003` order, two- and three-digit years (RFC 5322
/// rules), missing seconds, `.` as time separator, numeric zones (`+0200`, `+02:00`, `+02`), named zones
/// (`GMT`, `UT`, `EST`…`PDT`, military letters read as `+0000`), trailing comments (`(CEST)`), asctime
/// (`Tue Jul  1 10:52:37 2003`) and ISO 8601 (`2003-07-01T10:52:37Z`). A date with no zone is UTC.
public enum MailDate {
    /// The instant `raw` names, or `nil` when it cannot be read.
    public static func parse(_ raw: String) -> Date? {
        let text = MIMEParameters.stripComments(raw)
        if let iso = parseISO(text) { return iso }
        var day: Int?
        var month: Int?
        var year: Int?
        var time: (Int, Int, Int)?
        var offset: Int?
        var numbers: [Int] = []

        for piece in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "," || $0 == "\r\n" })
            .map(String.init) {
            let lowered = piece.lowercased()
            if time == nil, piece.contains(":") || (piece.filter({ $0 == "." }).count >= 1 && piece.count >= 4 && piece.first?.isNumber == true && numbers.count >= 2) {
                if let parsed = parseTime(piece) { time = parsed; continue }
            }
            if let first = lowered.first, first == "+" || first == "-", lowered.count >= 3, time != nil || numbers.count >= 2 {
                if let zone = parseNumericZone(String(lowered.dropFirst()), negative: first == "-") { offset = zone; continue }
            }
            if let monthNumber = months[String(lowered.prefix(3))], lowered.count >= 3, lowered.first?.isLetter == true {
                if month == nil && (lowered.count == 3 || monthNames.contains(lowered) || lowered.hasSuffix(".")) {
                    month = monthNumber
                    continue
                }
            }
            if let zone = namedZones[lowered] { if offset == nil { offset = zone }; continue }
            if let number = Int(piece.trimmingCharacters(in: CharacterSet(charactersIn: "."))) {
                numbers.append(number)
                continue
            }
            if lowered.count == 1, lowered.first?.isLetter == true { if offset == nil { offset = 0 }; continue }
        }
        // Day and year: a number above 31 is the year; otherwise RFC order (day before year).
        if let yearIndex = numbers.firstIndex(where: { $0 > 31 }) {
            year = numbers[yearIndex]
            day = numbers.enumerated().first(where: { $0.offset != yearIndex })?.element
        } else if numbers.count >= 2 {
            day = numbers[0]
            year = numbers[1]
        }
        guard var year, let month, let day, (1...31).contains(day) else { return nil }
        if year < 50 { year += 2000 } else if year < 1000 { year += 1900 }
        guard year < 10_000 else { return nil }
        let (hour, minute, second) = time ?? (0, 0, 0)
        guard hour < 24, minute < 60, second <= 60 else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - (offset ?? 0)
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days-from-civil algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func parseTime(_ piece: String) -> (Int, Int, Int)? {
        let parts = piece.split(whereSeparator: { $0 == ":" || $0 == "." }).map { Int($0) }
        guard parts.count >= 2, parts.count <= 3, parts.allSatisfy({ $0 != nil }) else { return nil }
        return (parts[0]!, parts[1]!, parts.count == 3 ? parts[2]! : 0)
    }

    private static func parseNumericZone(_ digits: String, negative: Bool) -> Int? {
        let clean = digits.replacingOccurrences(of: ":", with: "")
        guard clean.allSatisfy(\.isNumber), let value = Int(clean) else { return nil }
        let seconds: Int
        switch clean.count {
        case 1, 2: seconds = value * 3600
        case 3, 4: seconds = (value / 100) * 3600 + (value % 100) * 60
        default: return nil
        }
        guard seconds <= 18 * 3600 else { return nil }
        return negative ? -seconds : seconds
    }

    private static func parseISO(_ text: String) -> Date? {
        // Cheap gate: ISO dates start with four digits and a dash.
        let head = text.utf8.drop { Bytes.isWhitespace($0) }.prefix(5)
        guard head.count == 5, head.prefix(4).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), head.last == 0x2D else { return nil }
        let trimmed = Bytes.trimmed(text)
        guard trimmed.count >= 10, trimmed.first?.isNumber == true,
              trimmed.dropFirst(4).first == "-" else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: trimmed) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: trimmed) { return date }
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        return formatter.date(from: trimmed)
    }

    private static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
        "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    ]
    private static let monthNames: Set<String> = [
        "january", "february", "march", "april", "june", "july", "august", "september", "sept", "october",
        "november", "december",
    ]

    private static let namedZones: [String: Int] = [
        "gmt": 0, "ut": 0, "utc": 0, "z": 0, "wet": 0, "bst": 3600, "cet": 3600, "met": 3600, "cest": 7200,
        "mest": 7200, "eet": 7200, "eest": 10800, "msk": 10800, "ist": 19800, "jst": 32400, "kst": 32400,
        "edt": -4 * 3600, "est": -5 * 3600, "cdt": -5 * 3600, "cst": -6 * 3600,
        "mdt": -6 * 3600, "mst": -7 * 3600, "pdt": -7 * 3600, "pst": -8 * 3600,
        "akst": -9 * 3600, "akdt": -8 * 3600, "hst": -10 * 3600,
    ]
}
