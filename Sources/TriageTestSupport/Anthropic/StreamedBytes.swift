import FlyingFox
import FlyingSocks
import Foundation

/// Bytes fed over time from an `AsyncThrowingStream` of chunks, as a FlyingFox response body.
///
/// Without a count FlyingFox sends it chunked; a chunk producer that throws makes the server drop
/// the connection mid-body (the fake's "connection reset" and "truncated body" faults).
public struct StreamedBytes: AsyncBufferedSequence, Sendable {
    public typealias Element = UInt8
    private let stream: AsyncThrowingStream<Data, any Error>

    public init(_ stream: AsyncThrowingStream<Data, any Error>) {
        self.stream = stream
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(base: stream.makeAsyncIterator())
    }

    public struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncThrowingStream<Data, any Error>.Iterator
        var pending = Data()

        public mutating func next() async throws -> UInt8? {
            guard try await refill() else { return nil }
            return pending.removeFirst()
        }

        public mutating func nextBuffer(suggested count: Int) async throws -> Data? {
            guard try await refill() else { return nil }
            let taken = Data(pending.prefix(Swift.max(1, count)))
            pending.removeFirst(taken.count)
            return taken
        }

        private mutating func refill() async throws -> Bool {
            while pending.isEmpty {
                guard let chunk = try await base.next() else { return false }
                pending = chunk
            }
            return true
        }
    }
}

extension HTTPBodySequence {
    /// A body produced over time; chunked unless `count` is given.
    public static func streamed(_ stream: AsyncThrowingStream<Data, any Error>, count: Int? = nil) -> HTTPBodySequence {
        if let count {
            return HTTPBodySequence(from: StreamedBytes(stream), count: count, suggestedBufferSize: 16_384)
        }
        return HTTPBodySequence(from: StreamedBytes(stream), suggestedBufferSize: 16_384)
    }
}
