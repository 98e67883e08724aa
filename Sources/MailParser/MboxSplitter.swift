#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
            guard let base = bytes.baseAddress else { return nil }
            var index = scan
            while index < count {
                // Jump from line feed to line feed with memchr: most of an mbox is not separators.
                guard let hit = memchr(base + index, Int32(Bytes.lf), count - index) else { break }
                index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
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
        // Find the ">" to drop: the first byte of a line of one (mboxo) or more (mboxrd) ">" then "From ".
        var drops: [Int] = []
        bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var lineStart = 0
            while lineStart < count {
                if buffer[lineStart] == 0x3E {
                    var probe = lineStart
                    while probe < count, buffer[probe] == 0x3E { probe += 1 }
                    let depth = probe - lineStart
                    if probe + 5 <= count, buffer[probe] == 0x46, buffer[probe + 1] == 0x72, buffer[probe + 2] == 0x6F,
                       buffer[probe + 3] == 0x6D, buffer[probe + 4] == Bytes.space, variant == .mboxrd || depth == 1 {
                        drops.append(lineStart)
                    }
                }
                guard let base = buffer.baseAddress,
                      let hit = memchr(base + lineStart, Int32(Bytes.lf), count - lineStart) else { break }
                lineStart = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
            }
        }
        guard !drops.isEmpty else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var copied = 0
        for drop in drops {
            output.append(contentsOf: bytes[copied..<drop])
            copied = drop + 1
        }
        output.append(contentsOf: bytes[copied...])
        return output
    }
}
