import Foundation

/// Builds plain text from the pieces of an HTML walk: collapses whitespace, places line breaks, adds prefixes.
///
/// Pure and byte-based (UTF-8 in, UTF-8 out) so converting large bodies stays fast.
struct HTMLTextWriter {
    private(set) var bytes: [UInt8] = []
    /// Whitespace seen since the last visible character (written as one space, if anything follows).
    private var pendingSpace = false
    /// Line breaks owed before the next visible character (0, 1 or 2: at most one blank line).
    private var pendingBreaks = 0

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Text whose whitespace runs collapse to one space; U+00A0 (no-break space) counts as whitespace.
    mutating func text(_ buffer: UnsafeBufferPointer<UInt8>) {
        var index = 0
        let count = buffer.count
        while index < count {
            let byte = buffer[index]
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
                pendingSpace = true
            case 0xC2 where index + 1 < count && buffer[index + 1] == 0xA0:
                pendingSpace = true
                index += 1
            default:
                if pendingSpace || pendingBreaks > 0 { flush() }
                bytes.append(byte)
            }
            index += 1
        }
    }

    /// Text written as is (inside `<pre>`), line ends normalised to `\n`.
    mutating func preformatted(_ buffer: UnsafeBufferPointer<UInt8>) {
        if pendingSpace || pendingBreaks > 0 { flush() }
        for byte in buffer where byte != 0x0D { bytes.append(byte) }
    }

    /// Literal text (list markers, cell separators) after any owed whitespace.
    mutating func literal(_ text: String) {
        flush()
        bytes.append(contentsOf: text.utf8)
    }

    /// The end or start of a block: a line break (1) or a blank line (2) before what follows.
    mutating func block(_ lines: Int) {
        pendingBreaks = max(pendingBreaks, lines)
        pendingSpace = false
    }

    /// `<br>`: one more line break, at most a blank line.
    mutating func lineBreak() {
        pendingBreaks = min(pendingBreaks + 1, 2)
        pendingSpace = false
    }

    /// How many bytes are written so far (a mark for ``written(since:)``).
    var mark: Int { bytes.count }

    /// The text written since `mark`, trimmed.
    func written(since mark: Int) -> String {
        String(decoding: bytes[min(mark, bytes.count)...], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The finished text, without leading or trailing whitespace.
    func finish() -> String {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x0A { end -= 1 }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    private mutating func flush() {
        defer {
            pendingSpace = false
            pendingBreaks = 0
        }
        guard !bytes.isEmpty else { return }
        if pendingBreaks > 0 {
            while let last = bytes.last, last == 0x20 { bytes.removeLast() }
            var owed = pendingBreaks
            // Count the breaks already at the end so a block after a <br> does not add a third line.
            var index = bytes.count - 1
            while index >= 0, bytes[index] == 0x0A, owed > 0 {
                owed -= 1
                index -= 1
            }
            for _ in 0..<owed { bytes.append(0x0A) }
        } else if pendingSpace, let last = bytes.last, last != 0x20, last != 0x0A {
            bytes.append(0x20)
        }
    }
}
