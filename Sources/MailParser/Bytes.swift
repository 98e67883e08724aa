/// Small byte-level helpers shared by the parsers (ASCII only; mail syntax is ASCII).
enum Bytes {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let dash: UInt8 = 0x2D

    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == cr || byte == lf
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
    }

    /// The index just past the line ending at or after `start` (or `end`), and the index where the line's
    /// content ends (before CR LF / LF).
    @inline(__always)
    static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> (content: Int, next: Int) {
        var index = start
        while index < end {
            if bytes[index] == lf {
                let content = (index > start && bytes[index - 1] == cr) ? index - 1 : index
                return (content, index + 1)
            }
            index += 1
        }
        return (end, end)
    }

    /// Whether `bytes[range]` starts with the ASCII `prefix`, ignoring case.
    static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int, _ prefix: [UInt8]) -> Bool {
        guard end - start >= prefix.count else { return false }
        for (offset, byte) in prefix.enumerated() where lower(bytes[start + offset]) != byte {
            return false
        }
        return true
    }

    /// Text of 8-bit bytes with no declared charset: UTF-8 when valid, else windows-1252.
    static func string(_ bytes: some Collection<UInt8>) -> String {
        var allASCII = true
        for byte in bytes where byte >= 0x80 {
            allASCII = false
            break
        }
        if allASCII { return String(decoding: bytes, as: UTF8.self) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return Charset.windows1252(bytes)
    }

    /// `text` trimmed of ASCII whitespace at both ends (works on UTF-8 bytes; no grapheme breaking).
    static func trimmed(_ text: some StringProtocol) -> String {
        let substring = Substring(text)
        let utf8 = substring.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, isWhitespace(utf8[start]) { start = utf8.index(after: start) }
        while end > start {
            let before = utf8.index(before: end)
            guard isWhitespace(utf8[before]) else { break }
            end = before
        }
        if start == utf8.startIndex && end == utf8.endIndex { return String(substring) }
        return String(substring[start..<end])
    }
}
