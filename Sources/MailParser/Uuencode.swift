/// uuencoded blocks (`begin 644 name` … `end`), still found in old mail bodies.
public enum Uuencode {
    /// A decoded block: the file name from the `begin` line and the bytes.
    public struct Block: Sendable, Hashable {
        public var filename: String
        public var data: [UInt8]
        /// Byte range of the whole block (from `begin` through `end`) in the input.
        public var range: Range<Int>
    }

    /// Removes every `begin … end` block from `bytes` and returns the decoded blocks (cheap when there is none).
    public static func extractBlocks(_ bytes: inout [UInt8]) -> [Block] {
        guard mayContainBlock(bytes) else { return [] }
        var blocks: [Block] = []
        var kept: [UInt8] = []
        var rest = bytes[...]
        while blocks.count < 1_000, let block = decodeFirstBlock(rest) {
            let start = rest.startIndex
            kept.append(contentsOf: rest[start..<(start + block.range.lowerBound)])
            blocks.append(Block(filename: block.filename, data: block.data,
                                range: (start + block.range.lowerBound)..<(start + block.range.upperBound)))
            rest = rest[(start + block.range.upperBound)...]
        }
        guard !blocks.isEmpty else { return [] }
        kept.append(contentsOf: rest)
        bytes = kept
        return blocks
    }

    /// Whether a line starts with `begin ` (the only way a block can start).
    private static func mayContainBlock(_ bytes: [UInt8]) -> Bool {
        let begin = Array("begin ".utf8)
        var lineStart = 0
        while lineStart + begin.count <= bytes.count {
            if bytes[lineStart] == 0x62, Array(bytes[lineStart..<(lineStart + begin.count)]) == begin { return true }
            guard let newline = bytes[lineStart...].firstIndex(of: Bytes.lf) else { return false }
            lineStart = newline + 1
        }
        return false
    }

    /// Decodes the first `begin … end` block in `input`; `nil` when there is none.
    public static func decodeFirstBlock(_ input: some Collection<UInt8>) -> Block? {
        let bytes = Array(input)
        return bytes.withUnsafeBufferPointer { buffer -> Block? in
            var position = 0
            let end = buffer.count
            while position < end {
                let (content, next) = Bytes.lineEnd(buffer, from: position, to: end)
                if Bytes.hasPrefix(buffer, at: position, end: content, Array("begin ".utf8)) {
                    let line = Array(buffer[position..<content])
                    let fields = line.split(separator: Bytes.space, maxSplits: 2)
                    if fields.count == 3, fields[1].allSatisfy({ $0 >= 0x30 && $0 <= 0x37 }) {
                        return decodeBody(buffer, from: next, to: end, blockStart: position,
                                          filename: Bytes.string(fields[2]))
                    }
                }
                position = next
            }
            return nil
        }
    }

    private static func decodeBody(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
                                   blockStart: Int, filename: String) -> Block {
        var data: [UInt8] = []
        var position = start
        while position < end {
            let (content, next) = Bytes.lineEnd(buffer, from: position, to: end)
            defer { position = next }
            if content - position == 3, Bytes.hasPrefix(buffer, at: position, end: content, Array("end".utf8)) {
                return Block(filename: filename, data: data, range: blockStart..<next)
            }
            guard content > position else { continue }
            let length = Int((buffer[position] &- 0x20) & 0x3F)
            var group: [UInt8] = []
            var index = position + 1
            var produced = 0
            while index < content, produced < length {
                group.append((buffer[index] &- 0x20) & 0x3F)
                index += 1
                if group.count == 4 {
                    let triple = [group[0] << 2 | group[1] >> 4, group[1] << 4 | group[2] >> 2, group[2] << 6 | group[3]]
                    for byte in triple where produced < length {
                        data.append(byte)
                        produced += 1
                    }
                    group.removeAll(keepingCapacity: true)
                }
            }
        }
        return Block(filename: filename, data: data, range: blockStart..<end)
    }
}
