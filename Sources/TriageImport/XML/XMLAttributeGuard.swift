/// Counts the attributes of start tags in raw bytes, before libxml2 sees them.
///
/// libxml2 checks duplicate attributes pairwise, so one element with tens of thousands of attributes costs
/// seconds of CPU before any reader callback could refuse it. This scanner sees each byte once: it follows
/// start tags (quoted values skipped) and counts `=` signs. It only needs to be right for ASCII markup; NUL
/// bytes (UTF-16) are ignored. Comments and CDATA may make it count loosely, which can only matter past
/// the limit, far beyond what real exports use.
struct XMLAttributeGuard {
    private enum State {
        case text, afterOpen, startTag, quoted(UInt8), markup
    }

    let limit: Int
    private var state = State.text
    private var count = 0
    /// 1-based line of the byte being scanned (the offending tag's line once ``scan(_:)`` returned `false`).
    private(set) var line = 1

    init(limit: Int) {
        self.limit = limit
    }

    /// Feeds the next bytes; `false` as soon as one start tag holds more than `limit` attributes.
    mutating func scan(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for byte in bytes {
            if byte == 0x0A { line += 1 }
            switch state {
            case .text:
                if byte == UInt8(ascii: "<") { state = .afterOpen }
            case .afterOpen:
                switch byte {
                case 0: continue
                case UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "/"): state = .markup
                default:
                    state = .startTag
                    count = 0
                }
            case .startTag:
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"): state = .quoted(byte)
                case UInt8(ascii: ">"): state = .text
                case UInt8(ascii: "="):
                    count += 1
                    if count > limit { return false }
                default: continue
                }
            case let .quoted(quote):
                if byte == quote { state = .startTag }
            case .markup:
                if byte == UInt8(ascii: ">") { state = .text }
            }
        }
        return true
    }
}
