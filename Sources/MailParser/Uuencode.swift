/// uuencoded blocks (`begin 644 name` … `end`), still found in old mail bodies.
public enum Uuencode {
    /// A decoded block: the file name from the `begin` line and the bytes.
    public struct Block: Sendable, Hashable {
        public var filename: String
        public var data: [UInt8]
        /// Byte range of the whole block (from `begin` through `end`) in the input.
        public var range: Range<Int>
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
