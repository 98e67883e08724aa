import Foundation

/// Reads the timestamps XML exports use, without `DateFormatter` (too slow for millions of fields).
///
/// Accepted: `2011-03-14T10:20:30Z`, `2011-03-14T10:20:30.123+01:00`, `2011/03/14 10:20:30 +0100`
/// (Zendesk classic), `2011-03-14 10:20:30 UTC`, `2011-03-14`. A timestamp without a zone is read in
/// `defaultZone`. Returns `nil` for anything else.
enum XMLDateParser {
    static func parse(_ text: String, defaultZone: TimeZone) -> Date? {
        var scanner = DigitScanner(Array(text.utf8))
        scanner.skipSpaces()
        guard let year = scanner.number(digits: 4), scanner.skip(oneOf: [UInt8(ascii: "-"), UInt8(ascii: "/")]),
              let month = scanner.number(digits: 2), scanner.skip(oneOf: [UInt8(ascii: "-"), UInt8(ascii: "/")]),
              let day = scanner.number(digits: 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = 0.0
        var offset: Int?
        if scanner.skip(oneOf: [UInt8(ascii: "T"), UInt8(ascii: " ")]) {
            guard let hour = scanner.number(digits: 2), scanner.skip(oneOf: [UInt8(ascii: ":")]),
                  let minute = scanner.number(digits: 2), hour < 24, minute < 60 else { return nil }
            var second = 0
            if scanner.skip(oneOf: [UInt8(ascii: ":")]) {
                guard let value = scanner.number(digits: 2), value <= 60 else { return nil }
                second = value
            }
            seconds = Double(hour * 3600 + minute * 60 + second) + scanner.fraction()
            scanner.skipSpaces()
            guard let zone = scanner.zoneOffset() else { return nil }
            offset = zone
        }
        scanner.skipSpaces()
        guard scanner.atEnd else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let local = Double(days) * 86_400 + seconds
        let utcOffset = offset ?? defaultZone.secondsFromGMT(for: Date(timeIntervalSince1970: local))
        return Date(timeIntervalSince1970: local - Double(utcOffset))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// A cursor over ASCII bytes for ``XMLDateParser``.
private struct DigitScanner {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position >= bytes.count }

    mutating func skipSpaces() {
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t")
            || bytes[position] == UInt8(ascii: "\n") || bytes[position] == UInt8(ascii: "\r") { position += 1 }
    }

    mutating func skip(oneOf choices: [UInt8]) -> Bool {
        guard position < bytes.count, choices.contains(bytes[position]) else { return false }
        position += 1
        return true
    }

    mutating func number(digits: Int) -> Int? {
        guard position + digits <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<digits {
            let byte = bytes[position + offset]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        position += digits
        return value
    }

    /// `.123` after the seconds, as a fraction of a second; 0 when absent.
    mutating func fraction() -> Double {
        guard skip(oneOf: [UInt8(ascii: "."), UInt8(ascii: ",")]) else { return 0 }
        var scale = 0.1
        var value = 0.0
        while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
            value += Double(bytes[position] - UInt8(ascii: "0")) * scale
            scale /= 10
            position += 1
        }
        return value
    }

    /// `Z`, `UTC`, `GMT`, `+01:00`, `+0100`, `-05` as seconds east of UTC. `.some(nil)` when nothing follows
    /// (the caller's default zone applies); `nil` when what follows is not a zone.
    mutating func zoneOffset() -> Int?? {
        if atEnd { return .some(nil) }
        var end = bytes.count
        while end > position, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        let rest = bytes[position..<end]
        defer { position = bytes.count }
        if rest.elementsEqual("Z".utf8) || rest.elementsEqual("UTC".utf8) || rest.elementsEqual("GMT".utf8) {
            return .some(0)
        }
        guard let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        var digits: [Int] = []
        for byte in rest.dropFirst() where byte != UInt8(ascii: ":") {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            digits.append(Int(byte - UInt8(ascii: "0")))
        }
        guard digits.count == 2 || digits.count == 4 else { return nil }
        let hours = digits[0] * 10 + digits[1]
        let minutes = digits.count == 4 ? digits[2] * 10 + digits[3] : 0
        guard hours <= 14, minutes < 60 else { return nil }
        return .some((sign == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60))
    }
}
