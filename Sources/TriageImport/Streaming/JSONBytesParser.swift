import Foundation

/// Parses one JSON text (RFC 8259) from bytes into the values `JSONObject` reads: `[String: Any]`, `[Any]`,
/// `String`, `Int` (integers that fit in 64 bits), `Double` (every other number), `Bool` and `NSNull`.
///
/// One pass, no intermediate tree and no `NSNumber`/`Data` boxing: on multi-comment Zendesk lines it does the
/// work `JSONSerialization` did in a fraction of the time (see BENCHMARKS.md, import). Strict where JSON is
/// strict (no comments, trailing commas, single quotes, leading zeros or unescaped control characters); a
/// UTF-8 byte-order mark before the value is skipped; invalid UTF-8 inside strings becomes U+FFFD, as does an
/// unpaired surrogate escape, so one bad character never costs a whole ticket. Nesting deeper than
/// `maxDepth` is an error rather than a stack overflow (exports are untrusted).
public struct JSONBytesParser {
    /// Why a text is not JSON, with the byte offset where parsing stopped.
    public struct SyntaxError: Error, CustomStringConvertible {
        public var offset: Int
        public var reason: String
        public var description: String { "\(reason) at byte \(offset)" }
    }

    /// The JSON null, shared.
    public static let null = NSNull()

    private let base: UnsafePointer<UInt8>
    private let count: Int
    private var index = 0
    private var depth = 0
    private let maxDepth: Int

    private init(_ base: UnsafePointer<UInt8>, count: Int, maxDepth: Int) {
        self.base = base
        self.count = count
        self.maxDepth = maxDepth
    }

    /// Parses `bytes`, which must hold exactly one JSON value (surrounded by whitespace at most).
    public static func parse(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = 256) throws -> Any {
        guard let raw = bytes.baseAddress, bytes.count > 0 else {
            throw SyntaxError(offset: 0, reason: "no JSON value (empty text)")
        }
        var parser = JSONBytesParser(raw.assumingMemoryBound(to: UInt8.self), count: bytes.count, maxDepth: maxDepth)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { parser.index = 3 }
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.index == parser.count else { throw parser.error("unexpected \(parser.describeCurrent()) after the JSON value") }
        return value
    }

    public static func parse(_ bytes: [UInt8], maxDepth: Int = 256) throws -> Any {
        try bytes.withUnsafeBytes { try parse($0, maxDepth: maxDepth) }
    }

    // MARK: - Values

    private mutating func parseValue() throws -> Any {
        guard index < count else { throw error("the text ends where a value was expected") }
        switch base[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return try parseString()
        case UInt8(ascii: "t"): try expectWord("true"); return true
        case UInt8(ascii: "f"): try expectWord("false"); return false
        case UInt8(ascii: "n"): try expectWord("null"); return Self.null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected \(describeCurrent()) where a value was expected")
        }
    }

    private mutating func parseObject() throws -> [String: Any] {
        try enter()
        index += 1                                       // {
        var object: [String: Any] = [:]
        skipWhitespace()
        if index < count, base[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return object
        }
        while true {
            guard index < count, base[index] == UInt8(ascii: "\"") else {
                throw error(index < count ? "expected a quoted key, found \(describeCurrent())" : "the text ends inside an object")
            }
            let key = try parseString()
            skipWhitespace()
            guard index < count, base[index] == UInt8(ascii: ":") else { throw error("expected ':' after the key \"\(key)\"") }
            index += 1
            skipWhitespace()
            object[key] = try parseValue()
            skipWhitespace()
            guard index < count else { throw error("the text ends inside an object") }
            let next = base[index]
            index += 1
            if next == UInt8(ascii: ",") {
                skipWhitespace()
                continue
            }
            if next == UInt8(ascii: "}") { break }
            index -= 1
            throw error("expected ',' or '}' in an object, found \(describeCurrent())")
        }
        depth -= 1
        return object
    }

    private mutating func parseArray() throws -> [Any] {
        try enter()
        index += 1                                       // [
        var array: [Any] = []
        skipWhitespace()
        if index < count, base[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return array
        }
        while true {
            array.append(try parseValue())
            skipWhitespace()
            guard index < count else { throw error("the text ends inside an array") }
            let next = base[index]
            index += 1
            if next == UInt8(ascii: ",") {
                skipWhitespace()
                continue
            }
            if next == UInt8(ascii: "]") { break }
            index -= 1
            throw error("expected ',' or ']' in an array, found \(describeCurrent())")
        }
        depth -= 1
        return array
    }

    private mutating func enter() throws {
        depth += 1
        if depth > maxDepth { throw error("nesting deeper than \(maxDepth) levels") }
    }

    // MARK: - Strings

    private mutating func parseString() throws -> String {
        index += 1                                       // opening quote
        let start = index
        while index < count {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return try parseEscapedString(from: start) }
            if byte < 0x20 { throw error("unescaped control character \(byte) in a string") }
            index += 1
        }
        throw SyntaxError(offset: start - 1, reason: "unterminated string")
    }

    /// The slow path: the string has escapes, so its bytes are rebuilt.
    private mutating func parseEscapedString(from start: Int) throws -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(index - start + 64)
        bytes.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
        while index < count {
            let byte = base[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: bytes, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard index < count else { break }
                let escape = base[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(escape)
                case UInt8(ascii: "b"): bytes.append(0x08)
                case UInt8(ascii: "f"): bytes.append(0x0C)
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "u"): appendUTF8(of: try parseUnicodeEscape(), to: &bytes)
                default:
                    index -= 1
                    throw error("invalid escape \\\(describeCurrent()) in a string")
                }
            default:
                // A run of plain bytes up to the next quote, backslash or control byte is copied at once.
                let run = index
                while index < count {
                    let b = base[index]
                    if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
                    index += 1
                }
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + run, count: index - run))
                if index < count, base[index] < 0x20 { throw error("unescaped control character \(base[index]) in a string") }
            }
        }
        throw SyntaxError(offset: start - 1, reason: "unterminated string")
    }

    /// After `\u`: one escape, or a surrogate pair written as two; an unpaired surrogate is U+FFFD.
    private mutating func parseUnicodeEscape() throws -> Unicode.Scalar {
        let first = try hex4()
        if (0xD800...0xDBFF).contains(first) {
            if index + 1 < count, base[index] == UInt8(ascii: "\\"), base[index + 1] == UInt8(ascii: "u") {
                let save = index
                index += 2
                let second = try hex4()
                if (0xDC00...0xDFFF).contains(second) {
                    return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)) ?? "\u{FFFD}"
                }
                index = save                           // not a low surrogate: read it as its own escape next
            }
            return "\u{FFFD}"
        }
        return Unicode.Scalar(first) ?? "\u{FFFD}"
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= count else { throw error("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = base[index]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: throw error("a \\u escape needs four hex digits, found \(describeCurrent())")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private func appendUTF8(of scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        let v = scalar.value
        switch v {
        case 0..<0x80:
            bytes.append(UInt8(v))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | v >> 6)); bytes.append(UInt8(0x80 | v & 0x3F))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | v >> 12)); bytes.append(UInt8(0x80 | v >> 6 & 0x3F)); bytes.append(UInt8(0x80 | v & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | v >> 18)); bytes.append(UInt8(0x80 | v >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | v >> 6 & 0x3F)); bytes.append(UInt8(0x80 | v & 0x3F))
        }
    }

    // MARK: - Numbers and words

    /// `Int` when the number is an integer that fits, else `Double` (as `JSONSerialization` would give).
    private mutating func parseNumber() throws -> Any {
        let start = index
        var negative = false
        if base[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard index < count, isDigit(base[index]) else { throw error("a number needs digits after '-'") }
        var magnitude: UInt64 = 0
        var overflow = false
        if base[index] == UInt8(ascii: "0") {
            index += 1
            if index < count, isDigit(base[index]) { throw error("a number cannot start with a leading zero") }
        } else {
            while index < count, isDigit(base[index]) {
                let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(UInt64(base[index] - UInt8(ascii: "0")))
                overflow = overflow || o1 || o2
                magnitude = sum
                index += 1
            }
        }
        var isInteger = true
        if index < count, base[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < count, isDigit(base[index]) else { throw error("a number needs digits after '.'") }
            while index < count, isDigit(base[index]) { index += 1 }
        }
        if index < count, base[index] == UInt8(ascii: "e") || base[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < count, base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") { index += 1 }
            guard index < count, isDigit(base[index]) else { throw error("a number needs digits in its exponent") }
            while index < count, isDigit(base[index]) { index += 1 }
        }
        if isInteger, !overflow {
            if negative, magnitude <= UInt64(Int64.max) + 1 { return magnitude == UInt64(Int64.max) + 1 ? Int.min : -Int(magnitude) }
            if !negative, magnitude <= UInt64(Int64.max) { return Int(magnitude) }
        }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw SyntaxError(offset: start, reason: "number \(text) is out of range") }
        return value
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    private mutating func expectWord(_ word: StaticString) throws {
        let length = word.utf8CodeUnitCount
        guard index + length <= count, memcmp(base + index, word.utf8Start, length) == 0 else {
            throw error("unexpected \(describeCurrent()) where a value was expected")
        }
        index += length
    }

    private mutating func skipWhitespace() {
        while index < count {
            switch base[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private func describeCurrent() -> String {
        guard index < count else { return "end of text" }
        let byte = base[index]
        return byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }

    private func error(_ reason: String) -> SyntaxError {
        SyntaxError(offset: index, reason: reason)
    }
}
