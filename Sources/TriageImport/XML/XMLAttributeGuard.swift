import Foundation

/// Counts the attributes of start tags in raw bytes, before libxml2 sees them.
///
/// libxml2 checks duplicate attributes pairwise, so one element with tens of thousands of attributes costs
/// seconds of CPU before any reader callback could refuse it. This scanner sees each byte once: it follows
/// start tags (quoted values skipped) and counts `=` signs; text between tags is skipped with `memchr`. It only
/// needs to be right for ASCII markup; NUL bytes (UTF-16) are ignored. Comments and CDATA may make it count
/// loosely, which can only matter past the limit, far beyond what real exports use.
struct XMLAttributeGuard {
    private enum Mode: UInt8 {
        case text, afterOpen, startTag, quoted, markup
    }

    let limit: Int
    private var mode = Mode.text
    private var quote: UInt8 = 0
    private var count = 0
    /// 1-based line of the byte being scanned (the offending tag's line once ``scan(_:)`` returned `false`).
    private(set) var line = 1

    init(limit: Int) {
        self.limit = limit
    }

    /// Feeds the next bytes; `false` as soon as one start tag holds more than `limit` attributes.
    mutating func scan(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return true }
        let end = bytes.count
        var index = 0
        while index < end {
            if mode == .text {
                // Jump to the next `<`, counting the lines on the way.
                guard let found = memchr(base + index, 0x3C, end - index) else {
                    line += Self.newlines(base + index, end - index)
                    return true
                }
                let next = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
                line += Self.newlines(base + index, next - index)
                mode = .afterOpen
                index = next + 1
                continue
            }
            let byte = base[index]
            index += 1
            if byte == 0x0A { line += 1 }
            switch mode {
            case .text:
                break
            case .afterOpen:
                if byte == 0 { continue }
                if byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "/") {
                    mode = .markup
                } else {
                    mode = .startTag
                    count = 0
                }
            case .startTag:
                if byte == UInt8(ascii: "=") {
                    count += 1
                    if count > limit { return false }
                } else if byte == UInt8(ascii: ">") {
                    mode = .text
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                    mode = .quoted
                }
            case .quoted:
                if byte == quote { mode = .startTag }
            case .markup:
                if byte == UInt8(ascii: ">") { mode = .text }
            }
        }
        return true
    }

    private static func newlines(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var total = 0
        for offset in 0..<count where start[offset] == 0x0A { total += 1 }
        return total
    }
}
