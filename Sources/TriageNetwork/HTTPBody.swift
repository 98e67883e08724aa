import Foundation

/// A response body as an asynchronous sequence of byte chunks, in arrival order.
///
/// It can be iterated once. Stopping the iteration early (or dropping the body unread) lets the
/// transport abort the transfer.
public struct HTTPBody: AsyncSequence, Sendable {
    public typealias Element = Data
    public typealias Failure = any Error

    private let stream: AsyncThrowingStream<Data, any Error>

    /// A body backed by a stream the transport feeds.
    public init(stream: AsyncThrowingStream<Data, any Error>) {
        self.stream = stream
    }

    /// A body already in memory, delivered as one chunk (or none when empty).
    public init(data: Data) {
        stream = AsyncThrowingStream { continuation in
            if !data.isEmpty { continuation.yield(data) }
            continuation.finish()
        }
    }

    /// A body delivered as the given chunks (fakes use it to split bytes arbitrarily).
    public init(chunks: [Data]) {
        stream = AsyncThrowingStream { continuation in
            for chunk in chunks { continuation.yield(chunk) }
            continuation.finish()
        }
    }

    public func makeAsyncIterator() -> AsyncThrowingStream<Data, any Error>.Iterator {
        stream.makeAsyncIterator()
    }

    /// Reads the whole body; throws `NetworkError.bodyTooLarge` past `limit` bytes.
    public func collect(upTo limit: Int) async throws -> Data {
        var data = Data()
        for try await chunk in self {
            guard data.count + chunk.count <= limit else { throw NetworkError.bodyTooLarge(limit: limit) }
            data.append(chunk)
        }
        return data
    }
}
