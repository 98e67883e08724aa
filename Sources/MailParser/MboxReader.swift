import Foundation

/// Reads an mbox file in fixed-size chunks and hands out its messages one at a time.
///
/// Memory stays bounded by the chunk size plus the largest message (itself capped by `maxMessageBytes`),
/// whatever the size of the file.
public struct MboxReader: Sendable {
    public var url: URL
    public var variant: MboxVariant
    public var maxMessageBytes: Int
    public var chunkSize: Int

    public init(url: URL, variant: MboxVariant = .mboxrd, maxMessageBytes: Int = 64 << 20, chunkSize: Int = 1 << 20) {
        self.url = url
        self.variant = variant
        self.maxMessageBytes = maxMessageBytes
        self.chunkSize = max(4096, chunkSize)
    }

    /// Calls `body` for every message in file order; `body` may throw to stop.
    /// Throws `MailFileError` when the file cannot be opened or read.
    public func forEach(_ body: (MboxMessage) throws -> Void) throws {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw MailFileError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        defer { try? handle.close() }
        var splitter = MboxSplitter(variant: variant, maxMessageBytes: maxMessageBytes)
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: chunkSize)
            } catch {
                throw MailFileError.unreadable(path: url.path, reason: error.localizedDescription)
            }
            guard let chunk, !chunk.isEmpty else { break }
            splitter.append(ArraySlice(chunk))
            while let message = splitter.next() { try body(message) }
        }
        splitter.finish()
        while let message = splitter.next() { try body(message) }
    }
}
