/// Cuts an mbox byte stream into messages, chunk by chunk, in bounded memory.
///
/// A message starts at a line beginning with `From ` that is the first line of the stream or follows an
/// empty line (the separator every mbox writer emits); this keeps unquoted `From ` lines inside bodies from
/// splitting messages. Messages longer than `maxMessageBytes` keep their first `maxMessageBytes` bytes and
/// are flagged `truncated`; the rest is skipped without being held in memory.
///
/// ```swift
/// var splitter = MboxSplitter()
/// splitter.append(chunk[...])          // as often as data arrives
/// while let message = splitter.next() { … }
/// splitter.finish()                    // at end of input, then drain `next()` again
/// ```
public struct MboxSplitter: Sendable {
    public var variant: MboxVariant
    public var maxMessageBytes: Int

    private var buffer: [UInt8] = []
    /// Start of the current message (its envelope line) in `buffer`, `nil` before the first one.
    private var start: Int?
    /// Where scanning for the next separator resumes.
    private var scan = 0
    private var finished = false
    private var atStreamStart = true
    /// Lines consumed before `buffer[0]`, and lines counted up to `scan`.
    private var linesBeforeScan = 0
    private var startLine = 1
    private var messageCount = 0
    /// When the current message is too long: its kept head, and its length so far.
    private var oversizedHead: [UInt8]?
    private var oversizedLength = 0

    public init(variant: MboxVariant = .mboxrd, maxMessageBytes: Int = 64 << 20) {
        self.variant = variant
        self.maxMessageBytes = max(1024, maxMessageBytes)
    }

    /// Adds bytes read from the stream.
    public mutating func append(_ chunk: ArraySlice<UInt8>) {
        compact()
        buffer.append(contentsOf: chunk)
    }

    /// Marks the end of the stream: the last message becomes available from `next()`.
    public mutating func finish() {
        finished = true
    }

    /// The next complete message, or `nil` when more input (or `finish()`) is needed.
    public mutating func next() -> MboxMessage? {
        if start == nil {
            guard buffer.count >= 5 || finished else { return nil }
            guard !buffer.isEmpty else { return nil }
            start = 0
            startLine = linesBeforeScan + 1
            scan = 0
        }
        guard let messageStart = start else { return nil }
        let count = buffer.count
        let found: Int? = buffer.withUnsafeBufferPointer { bytes -> Int? in
            var index = scan
            while index < count {
                if bytes[index] == Bytes.lf {
                    if index + 5 >= count && !finished {
                        scan = index
                        return nil
                    }
                    if index + 5 < count, index > messageStart, bytes[index + 1] == 0x46, bytes[index + 2] == 0x72,
                       bytes[index + 3] == 0x6F, bytes[index + 4] == 0x6D, bytes[index + 5] == Bytes.space,
                       isBlankLineEnd(bytes, at: index, after: messageStart) {
                        scan = index
                        return index
                    }
                    linesBeforeScan += 1
                }
                index += 1
            }
            scan = count
            return nil
        }
        if let separator = found {
            // The message ends before the blank separator line.
            var end = separator
            if end > messageStart, buffer[end - 1] == Bytes.cr { end -= 1 }
            let message = makeMessage(from: messageStart, to: end)
            linesBeforeScan += 1
            start = separator + 1
            startLine = linesBeforeScan + 1
            scan = separator + 1
            return message
        }
        if finished, scan >= buffer.count, messageStart < buffer.count || oversizedHead != nil {
            let message = makeMessage(from: messageStart, to: buffer.count)
            start = buffer.count
            scan = buffer.count
            return message
        }
        // Keep memory bounded: fold an overlong message's scanned bytes away.
        if scan - messageStart > maxMessageBytes {
            if oversizedHead == nil {
                oversizedHead = Array(buffer[messageStart..<(messageStart + maxMessageBytes)])
            }
            oversizedLength += scan - messageStart
            buffer.removeSubrange(0..<scan)
            start = 0
            scan = 0
        }
        return nil
    }

    /// Whether the line feed at `index` ends an empty line (`\n\n` or `\n\r\n`).
    @inline(__always)
    private func isBlankLineEnd(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, after messageStart: Int) -> Bool {
        if index >= 1, bytes[index - 1] == Bytes.lf { return index - 1 >= messageStart }
        if index >= 2, bytes[index - 1] == Bytes.cr, bytes[index - 2] == Bytes.lf { return index - 2 >= messageStart }
        return false
    }

    private mutating func makeMessage(from messageStart: Int, to end: Int) -> MboxMessage {
        messageCount += 1
        var head: [UInt8]
        var length = end - messageStart
        var truncated = false
        if let kept = oversizedHead {
            head = kept
            length += oversizedLength
            truncated = true
            oversizedHead = nil
            oversizedLength = 0
        } else if length > maxMessageBytes {
            head = Array(buffer[messageStart..<(messageStart + maxMessageBytes)])
            truncated = true
        } else {
            head = Array(buffer[messageStart..<end])
        }
        var envelope: String?
        if head.count >= 5, head[0] == 0x46, head[1] == 0x72, head[2] == 0x6F, head[3] == 0x6D, head[4] == Bytes.space {
            let lineEnd = head.firstIndex(of: Bytes.lf) ?? head.count
            var contentEnd = lineEnd
            if contentEnd > 0, head[contentEnd - 1] == Bytes.cr { contentEnd -= 1 }
            envelope = String(decoding: head[5..<contentEnd], as: UTF8.self)
            head.removeSubrange(0..<min(head.count, lineEnd + 1))
        }
        let bytes = Self.unquote(head, variant: variant)
        return MboxMessage(bytes: bytes, envelope: envelope, line: startLine, index: messageCount,
                           truncated: truncated, originalLength: length)
    }

    private mutating func compact() {
        guard let messageStart = start, messageStart > 0, messageStart >= buffer.count / 2 || messageStart > 1 << 20 else { return }
        buffer.removeSubrange(0..<messageStart)
        scan -= messageStart
        start = 0
    }

    /// Undoes `From ` quoting: removes one `>` from lines `>From ` (mboxo) or `>+From ` (mboxrd).
    static func unquote(_ bytes: [UInt8], variant: MboxVariant) -> [UInt8] {
        // Fast path: nothing to do unless some line starts with ">".
        var hasQuote = bytes.first == 0x3E
        if !hasQuote {
            bytes.withUnsafeBufferPointer { buffer in
                var index = 0
                let count = buffer.count
                while index + 1 < count {
                    if buffer[index] == Bytes.lf, buffer[index + 1] == 0x3E { hasQuote = true; return }
                    index += 1
                }
            }
        }
        guard hasQuote else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var lineStart = true
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if lineStart, byte == 0x3E {
                var probe = index
                while probe < bytes.count, bytes[probe] == 0x3E { probe += 1 }
                let depth = probe - index
                let followedByFrom = probe + 5 <= bytes.count && bytes[probe..<(probe + 5)].elementsEqual("From ".utf8)
                if followedByFrom && (variant == .mboxrd || depth == 1) {
                    index += 1
                }
            }
            output.append(bytes[index])
            lineStart = bytes[index] == Bytes.lf
            index += 1
        }
        return output
    }
}
