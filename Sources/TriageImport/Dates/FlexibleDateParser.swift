import Foundation

/// Reads the timestamps help-desk exports contain: the one date parser of every importer (JSON, CSV, XML).
///
/// Accepted: ISO 8601 with `Z`, `UTC`, `GMT` or an offset (`+01:00`, `+0100`, `+01`; at most 14 hours), with or
/// without fractional seconds, with `T` or a space between date and time (`2012-09-06 12:18:55 -0800`), with `-`
/// or `/` between the date's parts (`2011/03/14 10:20:30 +0100`, Zendesk classic XML); zone-less timestamps and
/// plain dates (read in `defaultTimeZone`); epoch seconds and epoch milliseconds, as numbers or numeric strings
/// (values above 10^11 are milliseconds). Surrounding white space is ignored. Hand-written: imports parse
/// millions of dates, and `DateFormatter`/`ISO8601DateFormatter` cost microseconds a call.
public struct FlexibleDateParser: Sendable {
    public var defaultTimeZone: TimeZone

    public init(defaultTimeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.defaultTimeZone = defaultTimeZone
    }

    /// Parses a JSON value (string or number); `nil` when it is no date.
    public func date(from value: Any?) -> Date? {
        switch value {
        case let string as String: return date(from: string)
        case let number as Double: return epoch(number)
        case let number as Int: return epoch(Double(number))
        case let number as NSNumber: return epoch(number.doubleValue)
        default: return nil
        }
    }

    private func epoch(_ value: Double) -> Date? {
        guard value.isFinite, value > 0 else { return nil }
        return Date(timeIntervalSince1970: value > 100_000_000_000 ? value / 1000 : value)
    }

    /// Parses a timestamp string; `nil` when it is none of the accepted forms.
    public func date(from string: String) -> Date? {
        func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }
        var bytes = Array(string.utf8.drop(while: isSpace))
        while let last = bytes.last, isSpace(last) { bytes.removeLast() }
        guard !bytes.isEmpty else { return nil }
        if bytes.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 }), let value = Double(String(decoding: bytes, as: UTF8.self)) {
            return epoch(value)
        }
        var i = 0
        func digits(_ count: Int) -> Int? {
            guard i + count <= bytes.count else { return nil }
            var v = 0
            for k in i..<(i + count) {
                let c = bytes[k]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += count
            return v
        }
        func skip(_ byte: UInt8) -> Bool {
            if i < bytes.count, bytes[i] == byte { i += 1; return true }
            return false
        }
        // `-` or `/` between year, month and day, the same both times.
        let separator: UInt8 = bytes.count > 4 && bytes[4] == 47 ? 47 : 45
        guard let year = digits(4), skip(separator), let month = digits(2), skip(separator), let day = digits(2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        if i < bytes.count, bytes[i] == 84 || bytes[i] == 116 || bytes[i] == 32 {   // T, t or space
            i += 1
            guard let h = digits(2), skip(58), let m = digits(2) else { return nil }
            hour = h; minute = m
            if skip(58) {
                guard let s = digits(2) else { return nil }
                second = s
                if skip(46) || skip(44) {
                    var scale = 0.1
                    while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 {
                        fraction += Double(bytes[i] - 48) * scale
                        scale /= 10
                        i += 1
                    }
                }
            }
        }
        guard hour < 24, minute < 60, second <= 60 else { return nil }
        while i < bytes.count, bytes[i] == 32 { i += 1 }
        var offset: Int?
        if i < bytes.count {
            switch bytes[i] {
            case 90, 122:                                   // Z
                offset = 0; i += 1
            case 43, 45:                                    // + -
                let sign = bytes[i] == 45 ? -1 : 1
                i += 1
                guard let oh = digits(2) else { return nil }
                _ = skip(58)
                let om = digits(2) ?? 0
                guard oh <= 14, om < 60 else { return nil }
                offset = sign * (oh * 3600 + om * 60)
            default:
                if bytes[i...].elementsEqual("UTC".utf8) || bytes[i...].elementsEqual("GMT".utf8) {
                    offset = 0; i = bytes.count
                } else {
                    return nil
                }
            }
            guard i == bytes.count else { return nil }
        }
        let local = Double(Self.daysFromCivil(year: year, month: month, day: day) * 86400 + hour * 3600 + minute * 60 + second) + fraction
        if let offset { return Date(timeIntervalSince1970: local - Double(offset)) }
        // Zone-less: find the offset in force at that local time (two steps settle DST edges).
        let guess = Date(timeIntervalSince1970: local)
        let first = defaultTimeZone.secondsFromGMT(for: guess)
        let second2 = defaultTimeZone.secondsFromGMT(for: guess.addingTimeInterval(-Double(first)))
        return Date(timeIntervalSince1970: local - Double(second2))
    }

    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
