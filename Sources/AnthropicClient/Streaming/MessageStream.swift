import Foundation
import TriageNetwork

/// A streamed Messages response: the events in order, `ping` and unknown events already skipped.
///
/// A mid-stream `error` event is thrown as `AnthropicError.api` (with `midStream == true`); a broken
/// connection as `AnthropicError.network`. Iterate once.
public struct MessageStream: AsyncSequence, Sendable {
    public typealias Element = StreamEvent
    public typealias Failure = any Error

    /// The `request-id` response header.
    public let requestID: String?
    /// The response headers (rate-limit state and so on).
    public let headers: HTTPHeaders
    private let body: HTTPBody

    init(body: HTTPBody, headers: HTTPHeaders) {
        self.body = body
        self.headers = headers
        self.requestID = headers["request-id"]
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(chunks: body.makeAsyncIterator(), requestID: requestID)
    }

    public struct Iterator: AsyncIteratorProtocol {
        var chunks: AsyncThrowingStream<Data, any Error>.Iterator
        let requestID: String?
        var parser = SSEParser()
        var pending: [SSEEvent] = []
        var finished = false

        public mutating func next() async throws -> StreamEvent? {
            while true {
                if !pending.isEmpty {
                    let sse = pending.removeFirst()
                    let event: StreamEvent
                    do {
                        event = try StreamEvent.decode(sse)
                    } catch let error as AnthropicError {
                        throw error.with(requestID: requestID)
                    }
                    switch event {
                    case .ping, .unknown:
                        continue
                    case let .error(body):
                        finished = true
                        pending.removeAll()
                        throw AnthropicError.api(APIError(status: 200, body: body, requestID: requestID, midStream: true))
                    default:
                        return event
                    }
                }
                if finished { return nil }
                let chunk: Data?
                do {
                    chunk = try await chunks.next()
                } catch let error as NetworkError {
                    finished = true
                    throw AnthropicError.network(error, attempts: 1)
                }
                guard let chunk else {
                    finished = true
                    parser.finish()
                    return nil
                }
                pending = parser.feed(chunk)
            }
        }
    }

    /// Consumes the stream: calls `onText` with each piece of text as it arrives, returns the final message.
    public func accumulate(onText: (String) async throws -> Void = { _ in }) async throws -> Message {
        var accumulator = MessageAccumulator()
        for try await event in self {
            if let text = try accumulator.apply(event) { try await onText(text) }
        }
        do {
            return try accumulator.finalMessage()
        } catch let error as AnthropicError {
            throw error.with(requestID: requestID)
        }
    }
}
