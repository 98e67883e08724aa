import AnthropicClient
import FlyingFox
import Foundation

extension MockAnthropicServer {
    /// The message as server-sent events, paced by `timePerToken`, with an optional mid-stream fault.
    ///
    /// Each event is written in two chunks split at an odd byte, so clients must buffer across reads.
    func stream(_ message: Message, fault: MockFault?, _ exchange: Exchange) -> FlyingFox.HTTPResponse {
        var headers = exchange.headers
        headers[.contentType] = "text/event-stream"
        headers[HTTPHeader("Cache-Control")] = "no-cache"
        let (chunks, writer) = AsyncThrowingStream<Data, any Error>.makeStream()
        let perToken = options.timePerToken
        let events = Self.events(for: message)
        Task {
            for (index, event) in events.enumerated() {
                if event.isDelta, index > 0 {
                    try? await Task.sleep(for: perToken * max(1, event.tokens))
                }
                Self.write(event.text, to: writer)
                if event.isFirstDelta {
                    switch fault {
                    case let .errorEventMidStream(type)?:
                        let body = #"{"type":"error","error":{"type":"\#(type)","message":"scripted mid-stream \#(type)"}}"#
                        Self.write("event: error\ndata: \(body)\n\n", to: writer)
                        writer.finish()
                        return
                    case let .stallMidStream(duration)?:
                        try? await Task.sleep(for: duration)
                    case .dropMidStream?:
                        writer.finish(throwing: CancellationError())
                        return
                    default:
                        break
                    }
                }
            }
            writer.finish()
        }
        return FlyingFox.HTTPResponse(statusCode: .ok, headers: headers, body: .streamed(chunks))
    }

    private static func write(_ text: String, to writer: AsyncThrowingStream<Data, any Error>.Continuation) {
        let bytes = Data(text.utf8)
        let split = max(1, bytes.count / 2) | 1
        writer.yield(bytes.prefix(split))
        if split < bytes.count { writer.yield(bytes.suffix(from: split)) }
    }

    struct WireEvent {
        var text: String
        var isDelta = false
        var isFirstDelta = false
        var tokens = 0
    }

    /// The SSE events of `message`: start, ping, one text block in word-sized deltas, delta, stop.
    static func events(for message: Message) -> [WireEvent] {
        func event(_ name: String, _ value: APIJSON) -> String {
            let data = (try? AnthropicJSON.encode(value)) ?? Data()
            return "event: \(name)\ndata: \(String(decoding: data, as: UTF8.self))\n\n"
        }
        func encoded(_ value: some Encodable) -> APIJSON {
            (try? AnthropicJSON.encode(value)).flatMap(APIJSON.parse) ?? .null
        }
        var start = message
        start.content = []
        start.stopReason = nil
        start.stopSequence = nil
        start.usage.outputTokens = 1
        var events = [
            WireEvent(text: event("message_start", .object(["type": .string("message_start"), "message": encoded(start)]))),
            WireEvent(text: event("ping", .object(["type": .string("ping")]))),
        ]
        for (index, block) in message.content.enumerated() {
            guard case let .text(text) = block else { continue }
            events.append(WireEvent(text: event("content_block_start", .object([
                "type": .string("content_block_start"), "index": .int(index),
                "content_block": .object(["type": .string("text"), "text": .string("")]),
            ]))))
            for (pieceIndex, piece) in pieces(of: text.text).enumerated() {
                events.append(WireEvent(text: event("content_block_delta", .object([
                    "type": .string("content_block_delta"), "index": .int(index),
                    "delta": .object(["type": .string("text_delta"), "text": .string(piece)]),
                ])), isDelta: true, isFirstDelta: pieceIndex == 0, tokens: (piece.utf8.count + 3) / 4))
            }
            events.append(WireEvent(text: event("content_block_stop", .object([
                "type": .string("content_block_stop"), "index": .int(index),
            ]))))
        }
        let delta: [String: APIJSON] = ["stop_reason": message.stopReason.map { .string($0.rawValue) } ?? .null,
                                          "stop_sequence": message.stopSequence.map { .string($0) } ?? .null]
        events.append(WireEvent(text: event("message_delta", .object([
            "type": .string("message_delta"), "delta": .object(delta),
            "usage": .object(["output_tokens": .int(message.usage.outputTokens)]),
        ]))))
        events.append(WireEvent(text: event("message_stop", .object(["type": .string("message_stop")]))))
        return events
    }

    /// Splits text into word-sized pieces that join back to exactly the text.
    static func pieces(of text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == " " && current.count >= 4 {
                pieces.append(current)
                current = ""
            }
        }
        if !current.isEmpty || pieces.isEmpty { pieces.append(current) }
        return pieces
    }
}
