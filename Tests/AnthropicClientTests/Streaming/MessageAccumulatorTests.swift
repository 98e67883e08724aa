import AnthropicClient
import Foundation
import Testing

@Suite("StreamEvent and MessageAccumulator")
struct MessageAccumulatorTests {
    static func sse(_ type: String, _ json: String) -> SSEEvent { SSEEvent(event: type, data: json) }

    /// Every event and delta type, in the order the API sends them.
    static let events: [SSEEvent] = [
        sse("message_start", #"{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"output_tokens":1,"cache_read_input_tokens":100,"cache_creation_input_tokens":0,"brand_new_field":3}}}"#),
        sse("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}"#),
        sse("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Billing words; "}}"#),
        sse("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"so billing."}}"#),
        sse("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"c2ln"}}"#),
        sse("content_block_stop", #"{"type":"content_block_stop","index":0}"#),
        sse("ping", #"{"type":"ping"}"#),
        sse("content_block_start", #"{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}"#),
        sse("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Refund "}}"#),
        sse("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"citations_delta","citation":{"type":"char_location","cited_text":"refund"}}}"#),
        sse("future_event", #"{"type":"future_event","whatever":1}"#),
        sse("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"requested."}}"#),
        sse("content_block_stop", #"{"type":"content_block_stop","index":1}"#),
        sse("content_block_start", #"{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_1","name":"route","input":{}}}"#),
        sse("content_block_delta", #"{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":""}}"#),
        sse("content_block_delta", #"{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"department\": \"bil"}}"#),
        sse("content_block_delta", #"{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"ling\", \"urgent\": true}"}}"#),
        sse("content_block_stop", #"{"type":"content_block_stop","index":2}"#),
        sse("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":42}}"#),
        sse("message_stop", #"{"type":"message_stop"}"#),
    ]

    @Test("a full stream assembles thinking, cited text and tool input; text comes out as it arrives")
    func assemblesEveryBlockType() throws {
        var accumulator = MessageAccumulator()
        var texts: [String] = []
        for sse in Self.events {
            if let text = try accumulator.apply(StreamEvent.decode(sse)) { texts.append(text) }
        }
        let message = try accumulator.finalMessage()
        #expect(texts == ["Refund ", "requested."])
        #expect(message.text == "Refund requested.")
        #expect(message.stopReason == .toolUse)
        #expect(message.usage == Usage(inputTokens: 25, outputTokens: 42, cacheCreationInputTokens: 0, cacheReadInputTokens: 100))
        #expect(message.content.count == 3)
        #expect(message.content[0] == .thinking(thinking: "Billing words; so billing.", signature: "c2ln"))
        guard case let .text(text) = message.content[1], case let .toolUse(tool) = message.content[2] else {
            Issue.record("unexpected blocks \(message.content)")
            return
        }
        #expect(text.citations?.count == 1)
        #expect(tool.input == .object(["department": .string("billing"), "urgent": .bool(true)]))
    }

    @Test("ping and unknown events decode as such; an error event throws with its type")
    func pingUnknownError() throws {
        #expect(try StreamEvent.decode(Self.sse("ping", #"{"type":"ping"}"#)) == .ping)
        #expect(try StreamEvent.decode(Self.sse("future_event", #"{"type":"future_event"}"#)) == .unknown(type: "future_event"))
        var accumulator = MessageAccumulator()
        try accumulator.apply(StreamEvent.decode(Self.events[0]))
        let error = #expect(throws: AnthropicError.self) {
            try accumulator.apply(StreamEvent.decode(Self.sse("error", #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#)))
        }
        guard case let .api(apiError)? = error else { Issue.record("expected .api, got \(String(describing: error))"); return }
        #expect(apiError.type == .overloaded)
        #expect(apiError.midStream)
    }

    @Test("a stream cut before message_stop, or malformed event JSON, is an error")
    func truncatedAndMalformed() throws {
        var accumulator = MessageAccumulator()
        for sse in Self.events.dropLast(3) { try accumulator.apply(StreamEvent.decode(sse)) }
        #expect(throws: AnthropicError.self) { try accumulator.finalMessage() }
        #expect(throws: AnthropicError.self) { try StreamEvent.decode(Self.sse("message_start", #"{"type":"message_start","message":{"#)) }
    }

    @Test("unknown content block types and stop reasons are kept, not rejected")
    func tolerantDecoding() throws {
        let json = #"{"id":"m","type":"message","role":"assistant","model":"x","content":[{"type":"hologram","depth":3}],"stop_reason":"galaxy_brain","stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":2},"new_top_level":true}"#
        let message = try AnthropicJSON.decoder().decode(Message.self, from: Data(json.utf8))
        #expect(message.stopReason == .unknown("galaxy_brain"))
        #expect(message.content.first?.type == "hologram")
    }
}
