import Foundation

/// Reads a file in fixed-size chunks with `read(2)`: the one way importers touch file bytes, so memory stays
/// bounded by the chunk size whatever the file size.
final class ByteChunkReader {
    private let descriptor: Int32
    private let chunkSize: Int
    let path: String

    init(path: String, chunkSize: Int = 1 << 20) throws {
        self.path = path
        self.chunkSize = chunkSize
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw ImportError.unreadable(file: path, reason: String(cString: strerror(errno)))
        }
    }

    deinit { close(descriptor) }

    /// Calls `body` with each chunk in order until the end of the file or until `body` returns `false`.
    func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Bool) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw ImportError.unreadable(file: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { return }
            guard try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) else { return }
        }
    }

    /// The first `count` bytes of the file (for format detection).
    static func head(of path: String, count: Int) throws -> [UInt8] {
        let reader = try ByteChunkReader(path: path, chunkSize: count)
        var head: [UInt8] = []
        try reader.forEachChunk { chunk in
            head.append(contentsOf: chunk)
            return head.count < count
        }
        return Array(head.prefix(count))
    }
}

/// Splits a byte stream into lines (LF or CRLF), with 1-based line numbers; a line longer than `maxLineBytes`
/// is reported as too long instead of being buffered.
struct LineSplitter {
    enum Line {
        case line(number: Int, offset: Int64, bytes: [UInt8])
        case tooLong(number: Int, length: Int)
    }

    let maxLineBytes: Int

    func lines(of reader: ByteChunkReader, _ body: (Line) throws -> Void) throws {
        var current: [UInt8] = []
        var overflow = 0
        var number = 1
        var lineStart: Int64 = 0
        var consumed: Int64 = 0
        func append(_ bytes: Slice<UnsafeRawBufferPointer>) {
            if overflow > 0 || current.count + bytes.count > maxLineBytes {
                overflow = max(overflow, current.count) + bytes.count
                current.removeAll()
            } else {
                current.append(contentsOf: bytes)
            }
        }
        func finish() throws {
            if overflow > 0 {
                try body(.tooLong(number: number, length: overflow))
            } else {
                if current.last == 13 { current.removeLast() }
                try body(.line(number: number, offset: lineStart, bytes: current))
            }
            current.removeAll(keepingCapacity: true)
            overflow = 0
            number += 1
        }
        try reader.forEachChunk { chunk in
            var start = 0
            while start < chunk.count {
                guard let newline = chunk[start...].firstIndex(of: 10) else {
                    append(chunk[start...])
                    break
                }
                append(chunk[start..<newline])
                try finish()
                start = newline + 1
                lineStart = consumed + Int64(start)
            }
            consumed += Int64(chunk.count)
            return true
        }
        if !current.isEmpty || overflow > 0 { try finish() }

    }
}
