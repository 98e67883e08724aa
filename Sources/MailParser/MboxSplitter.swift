#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts an mbox byte stream into messages, chunk by chunk, in bounded memory.
///
/// Where a message ends, in this order (the rules mutt applies; Thunderbird splits on every `From ` line):
/// 1. mboxcl / mboxcl2: a `Content-Length` header whose count of body bytes lands on a `From ` line (after an
///    optional empty line) or on the end of the file ends the message there, whatever `From ` lines the body
///    holds. A count that lands elsewhere is ignored.
/// 2. A line beginning with `From ` that follows an empty line (the separator every mbox writer emits).
/// 3. A `From ` line without an empty line before it, when it reads as an envelope line
///    (`From sender Www Mmm dd hh:mm:ss yyyy`: a month name, a time and a year), so mboxes whose writers
///    omit the empty line still split, while an unquoted `From here on…` in a body does not.
/// Messages longer than `maxMessageBytes` keep their first `maxMessageBytes` bytes and are flagged
/// `truncated`; the rest is skipped without being held in memory.
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
    /// Whether the current message's `Content-Length` was looked at (and found not to delimit it).
    private var lengthChecked = false

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
        if !lengthChecked, oversizedHead == nil {
            switch buffer.withUnsafeBufferPointer({ contentLengthEnd($0, messageStart: messageStart, count: count) }) {
            case .needMore:
                return nil
            case .notDelimiting:
                lengthChecked = true
            case .separator(let separator, let unquote):
                return emit(messageStart: messageStart, separator: separator, unquote: unquote)
            case .endOfStream(let end, let unquote):
                let message = makeMessage(from: messageStart, to: end, unquote: unquote)
                start = count
                scan = count
                return message
            }
        }
        var needMoreForEnvelope = false
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
                   bytes[index + 3] == 0x6F, bytes[index + 4] == 0x6D, bytes[index + 5] == Bytes.space {
                    if isBlankLineEnd(bytes, at: index, after: messageStart) {
                        scan = index
                        return index
                    }
                    switch Self.envelopeLine(bytes, from: index + 6, count: count, finished: finished) {
                    case .some(true):
                        scan = index
                        return index
                    case .none:
                        scan = index
                        needMoreForEnvelope = true
                        return nil
                    case .some(false):
                        break
                    }
                }
                linesBeforeScan += 1
                index += 1
            }
            scan = count
            return nil
        }
        if let separator = found {
            return emit(messageStart: messageStart, separator: separator, unquote: true)
        }
        if needMoreForEnvelope { return nil }
        if finished, scan >= buffer.count, messageStart < buffer.count || oversizedHead != nil {
            // The empty line a writer puts after every message is not part of the last one either.
            var end = buffer.count
            if end - messageStart >= 2, buffer[end - 1] == Bytes.lf {
                if buffer[end - 2] == Bytes.lf {
                    end -= 1
                } else if end - messageStart >= 3, buffer[end - 2] == Bytes.cr, buffer[end - 3] == Bytes.lf {
                    end -= 2
                }
            }
            let message = makeMessage(from: messageStart, to: end, unquote: true)
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

    /// Ends the current message at the line feed `separator` (before the next `From ` line).
    private mutating func emit(messageStart: Int, separator: Int, unquote: Bool) -> MboxMessage {
        var end = separator
        if end > messageStart, buffer[end - 1] == Bytes.cr { end -= 1 }
        let message = makeMessage(from: messageStart, to: end, unquote: unquote)
        linesBeforeScan += 1
        start = separator + 1
        startLine = linesBeforeScan + 1
        scan = separator + 1
        lengthChecked = false
        return message
    }

    private enum LengthEnd {
        case needMore
        case notDelimiting
        /// The line feed before the next `From ` line; `unquote` is false when the body holds unquoted `From `
        /// lines (mboxcl2 does not quote them).
        case separator(Int, unquote: Bool)
        /// The body ends the stream (`end`: before the separator's line feed, if there is one).
        case endOfStream(Int, unquote: Bool)
    }

    /// Where the message's `Content-Length` says it ends, when that lands on a `From ` line or the end.
    private func contentLengthEnd(_ bytes: UnsafeBufferPointer<UInt8>, messageStart: Int, count: Int) -> LengthEnd {
        let headerCap = 256 << 10
        var position = messageStart
        var length: Int?
        var bodyStart: Int?
        var first = true
        while position < count {
            guard let base = bytes.baseAddress,
                  let hit = memchr(base + position, Int32(Bytes.lf), count - position) else { break }
            let lineEnd = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var content = lineEnd
            if content > position, bytes[content - 1] == Bytes.cr { content -= 1 }
            if content == position, !first {
                bodyStart = lineEnd + 1
                break
            }
            if !first || !(content - position >= 5 && bytes[position] == 0x46 && bytes[position + 4] == Bytes.space),
               Bytes.hasPrefix(bytes, at: position, end: content, Self.contentLengthName) {
                var digits = position + Self.contentLengthName.count
                var value = 0
                var any = false
                while digits < content, bytes[digits] == Bytes.space || bytes[digits] == Bytes.tab { digits += 1 }
                while digits < content, bytes[digits] >= 0x30, bytes[digits] <= 0x39, value < 1 << 40 {
                    value = value * 10 + Int(bytes[digits] - 0x30)
                    any = true
                    digits += 1
                }
                if any { length = value }
            }
            first = false
            position = lineEnd + 1
            if position - messageStart > headerCap { return .notDelimiting }
        }
        guard let bodyStart else { return finished || count - messageStart > headerCap ? .notDelimiting : .needMore }
        guard let length, length <= maxMessageBytes else { return .notDelimiting }
        let target = bodyStart + length
        if target + 7 > count && !finished { return .needMore }
        let unquote = !Self.containsFromLine(bytes, from: bodyStart, to: min(target, count))
        if target == count { return .endOfStream(count, unquote: unquote) }
        if target == count - 1, bytes[target] == Bytes.lf { return .endOfStream(target, unquote: unquote) }
        if target > count { return .notDelimiting }
        if target > bodyStart, bytes[target - 1] == Bytes.lf, Self.isFrom(bytes, at: target, count: count) {
            return .separator(target - 1, unquote: unquote)
        }
        if bytes[target] == Bytes.lf, Self.isFrom(bytes, at: target + 1, count: count) {
            return .separator(target, unquote: unquote)
        }
        if bytes[target] == Bytes.cr, target + 1 < count, bytes[target + 1] == Bytes.lf,
           Self.isFrom(bytes, at: target + 2, count: count) {
            return .separator(target + 1, unquote: unquote)
        }
        return .notDelimiting
    }

    private static let contentLengthName = Array("content-length:".utf8)

    @inline(__always)
    private static func isFrom(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, count: Int) -> Bool {
        index + 5 <= count && bytes[index] == 0x46 && bytes[index + 1] == 0x72 && bytes[index + 2] == 0x6F
            && bytes[index + 3] == 0x6D && bytes[index + 4] == Bytes.space
    }

    /// Whether a line in `from..<to` begins with an unquoted `From `.
    private static func containsFromLine(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        var index = from
        while index < to {
            if isFrom(bytes, at: index, count: to) { return true }
            guard let base = bytes.baseAddress, let hit = memchr(base + index, Int32(Bytes.lf), to - index) else { return false }
            index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return false
    }

    private static let months: Set<String> = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Whether the text after `From ` at `start` reads as an envelope line: a sender, then a date with a month
    /// name, an `hh:mm` time and a four-digit year. `nil` when the line is not complete in the buffer yet.
    static func envelopeLine(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, count: Int, finished: Bool) -> Bool? {
        let limit = min(count, start + 400)
        var end = start
        while end < limit, bytes[end] != Bytes.lf { end += 1 }
        if end == limit {
            if limit == count && !finished { return nil }
            if limit < count { return false }
        }
        let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
        guard tokens.count >= 4 else { return false }
        var month = false
        var time = false
        var year = false
        for token in tokens.dropFirst() {
            let lowered = token.lowercased()
            if months.contains(String(lowered.prefix(3))), lowered.count <= 9, lowered.allSatisfy(\.isLetter) { month = true }
            let pieces = token.split(separator: ":")
            if pieces.count >= 2, pieces.count <= 3, pieces.allSatisfy({ $0.count <= 2 && $0.allSatisfy(\.isNumber) }) { time = true }
            if token.count == 4, token.allSatisfy(\.isNumber), token.hasPrefix("19") || token.hasPrefix("20") { year = true }
        }
        return month && time && year
    }

    /// Whether the line feed at `index` ends an empty line (`\n\n` or `\n\r\n`).
    @inline(__always)
    private func isBlankLineEnd(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, after messageStart: Int) -> Bool {
        if index >= 1, bytes[index - 1] == Bytes.lf { return index - 1 >= messageStart }
        if index >= 2, bytes[index - 1] == Bytes.cr, bytes[index - 2] == Bytes.lf { return index - 2 >= messageStart }
        return false
    }

    private mutating func makeMessage(from messageStart: Int, to end: Int, unquote: Bool) -> MboxMessage {
        lengthChecked = false
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
        let bytes = unquote ? Self.unquote(head, variant: variant) : head
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
