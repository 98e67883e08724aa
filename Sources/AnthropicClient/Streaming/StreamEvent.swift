import Foundation

/// One decoded event of a streamed Messages response.
public enum StreamEvent: Sendable, Hashable {
    case messageStart(Message)
    case contentBlockStart(index: Int, block: ContentBlock)
    case contentBlockDelta(index: Int, delta: ContentDelta)
    case contentBlockStop(index: Int)
    /// Top-level changes at the end; usage counts are cumulative.
    case messageDelta(stopReason: StopReason?, stopSequence: String?, usage: UsageDelta?)
    case messageStop
    case ping
    /// An error after HTTP 200 (e.g. `overloaded_error`): the stream ends with it.
    case error(APIErrorBody)
    /// An event type this client does not know; skipped.
    case unknown(type: String)

    /// Decodes an SSE event; throws `AnthropicError.invalidResponse` on malformed JSON.
    public static func decode(_ event: SSEEvent) throws -> StreamEvent {
        let payload: Payload
        do {
            payload = try AnthropicJSON.decoder().decode(Payload.self, from: Data(event.data.utf8))
        } catch {
            if event.event == "ping" { return .ping }
            throw AnthropicError.invalidResponse("stream event `\(event.event)` is not valid JSON: \(error)", requestID: nil)
        }
        let type = payload.type ?? event.event
        func require<T>(_ value: T?, _ field: String) throws -> T {
            guard let value else {
                throw AnthropicError.invalidResponse("stream event `\(type)` lacks `\(field)`", requestID: nil)
            }
            return value
        }
        switch type {
        case "message_start": return .messageStart(try require(payload.message, "message"))
        case "content_block_start":
            return .contentBlockStart(index: try require(payload.index, "index"), block: try require(payload.contentBlock, "content_block"))
        case "content_block_delta":
            return .contentBlockDelta(index: try require(payload.index, "index"), delta: try require(payload.delta, "delta").contentDelta)
        case "content_block_stop": return .contentBlockStop(index: try require(payload.index, "index"))
        case "message_delta":
            let delta = try require(payload.delta, "delta")
            return .messageDelta(stopReason: delta.stopReason, stopSequence: delta.stopSequence, usage: payload.usage)
        case "message_stop": return .messageStop
        case "ping": return .ping
        case "error": return .error(try require(payload.error, "error"))
        default: return .unknown(type: type)
        }
    }

    /// The union of every event's fields.
    private struct Payload: Decodable {
        var type: String?
        var message: Message?
        var index: Int?
        var contentBlock: ContentBlock?
        var delta: Delta?
        var usage: UsageDelta?
        var error: APIErrorBody?

        enum CodingKeys: String, CodingKey {
            case type, message, index, delta, usage, error
            case contentBlock = "content_block"
        }
    }

    /// A content delta or a message delta (they share the `delta` key).
    private struct Delta: Decodable {
        var raw: JSONValue
        var stopReason: StopReason?
        var stopSequence: String?

        init(from decoder: any Decoder) throws {
            raw = try JSONValue(from: decoder)
            stopReason = raw["stop_reason"]?.stringValue.map(StopReason.init(rawValue:))
            stopSequence = raw["stop_sequence"]?.stringValue
        }

        var contentDelta: ContentDelta {
            switch raw["type"]?.stringValue {
            case "text_delta": .text(raw["text"]?.stringValue ?? "")
            case "input_json_delta": .inputJSON(raw["partial_json"]?.stringValue ?? "")
            case "thinking_delta": .thinking(raw["thinking"]?.stringValue ?? "")
            case "signature_delta": .signature(raw["signature"]?.stringValue ?? "")
            case "citations_delta": .citation(raw["citation"] ?? .null)
            default: .unknown(raw)
            }
        }
    }
}

/// A change to one content block.
public enum ContentDelta: Sendable, Hashable {
    case text(String)
    /// A piece of a tool call's input JSON: concatenate, parse at block stop.
    case inputJSON(String)
    case thinking(String)
    case signature(String)
    case citation(JSONValue)
    case unknown(JSONValue)
}

/// `message_delta.usage`: cumulative counts, each present only when the API sends it.
public struct UsageDelta: Sendable, Hashable, Decodable {
    public var inputTokens: Int?
    public var outputTokens: Int?
    public var cacheCreationInputTokens: Int?
    public var cacheReadInputTokens: Int?

    public init(inputTokens: Int? = nil, outputTokens: Int? = nil, cacheCreationInputTokens: Int? = nil,
                cacheReadInputTokens: Int? = nil) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cacheCreationInputTokens = cacheCreationInputTokens
        self.cacheReadInputTokens = cacheReadInputTokens
    }

    enum CodingKeys: String, CodingKey {
        case inputTokens = "input_tokens"
        case outputTokens = "output_tokens"
        case cacheCreationInputTokens = "cache_creation_input_tokens"
        case cacheReadInputTokens = "cache_read_input_tokens"
    }
}
