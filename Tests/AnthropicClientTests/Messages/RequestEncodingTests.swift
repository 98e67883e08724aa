import AnthropicClient
import Foundation
import Testing

@Suite("Request encoding")
struct RequestEncodingTests {
    /// A request using every field the triage stage uses.
    static let fullRequest = MessageRequest(
        model: "claude-haiku-5-5", maxTokens: 300,
        messages: [
            .user("My invoice is wrong"),
            InputMessage(role: .assistant, content: [.toolUse(ToolUseBlock(id: "toolu_1", name: "lookup", input: .object(["q": .string("invoice")])))]),
            InputMessage(role: .user, content: [.toolResult(ToolResultBlock(toolUseID: "toolu_1", content: "found", cacheControl: .ephemeral))]),
        ],
        system: .blocks([TextBlock(text: "You triage support tickets.", cacheControl: .oneHour), TextBlock(text: "Departments: billing, tech.")]),
        stopSequences: ["###"], metadata: RequestMetadata(userID: "team-7"),
        tools: [Tool(name: "lookup", description: "Search the KB",
                     inputSchema: .object(["type": .string("object"), "properties": .object(["q": .object(["type": .string("string")])]),
                                           "required": .array([.string("q")])]))],
        toolChoice: .auto, thinking: .adaptive,
        outputConfig: OutputConfig(format: OutputFormat(schema: .object([
            "type": .string("object"), "additionalProperties": .bool(false),
            "properties": .object(["department": .object(["type": .string("string"), "enum": .array([.string("billing"), .string("tech")])])]),
            "required": .array([.string("department")]),
        ])), effort: .low)
    )

    @Test("keys are sorted and the bytes are stable, so a cached prefix stays identical")
    func sortedAndStable() throws {
        let first = try AnthropicJSON.encode(Self.fullRequest)
        let second = try AnthropicJSON.encode(Self.fullRequest)
        #expect(first == second)
        let text = String(decoding: first, as: UTF8.self)
        let topLevel = ["max_tokens", "messages", "metadata", "model", "output_config", "stop_sequences", "system", "thinking", "tool_choice", "tools"]
        let positions = topLevel.map { text.range(of: "\"\($0)\":")!.lowerBound }
        #expect(positions == positions.sorted())
        #expect(text.contains(#""cache_control":{"ttl":"1h","type":"ephemeral"}"#))
        #expect(!text.contains("temperature"))
    }

    @Test("request bodies validate against the OpenAPI CreateMessageParams schema")
    func openAPIConformance() throws {
        let schema = try OpenAPISchema.load()
        let required = schema.schemas["CreateMessageParams"]?["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(Set(required) == ["model", "messages", "max_tokens"])
        let minimal = MessageRequest(model: "claude-haiku-5-5", maxTokens: 10, messages: [.user("hi")])
        var legacy = MessageRequest(model: "claude-haiku-4-5", maxTokens: 2048, messages: [.user("hi"), .assistant("{")],
                                    system: .text("short"), thinking: .enabled(budgetTokens: 1024), temperature: 0.2)
        legacy.toolChoice = .noTools
        for request in [Self.fullRequest, minimal, legacy] {
            let json = try #require(JSONValue.parse(AnthropicJSON.encode(request)))
            #expect(schema.problems(json, against: "CreateMessageParams") == [], "\(request.model)")
        }
        // The validator does catch a bad body.
        let bad = JSONValue.object(["model": .string("m"), "messages": .array([]), "surprise": .bool(true)])
        #expect(schema.problems(bad, against: "CreateMessageParams").count >= 2)
    }

    @Test("the key is redacted from every description of the configuration and key")
    func keyRedacted() {
        let secret = "sk-ant-very-secret-123"
        let configuration = AnthropicConfiguration(apiKey: APIKey(secret))
        var dumped = ""
        dump(configuration, to: &dumped)
        for text in [String(describing: configuration), String(reflecting: configuration), String(describing: configuration.apiKey),
                     String(reflecting: configuration.apiKey), "\(configuration.apiKey)", dumped] {
            #expect(!text.contains(secret))
        }
        #expect(configuration.authentication == .bearer)
        #expect(AnthropicConfiguration(apiKey: APIKey(secret), apiVersion: "2023-06-01").authentication == .xAPIKey)
        let fromEnvironment = AnthropicConfiguration(environment: ["ANTHROPIC_API_KEY": secret, "ANTHROPIC_BASE_URL": "http://127.0.0.1:9"])
        #expect(fromEnvironment?.baseURL.absoluteString == "http://127.0.0.1:9")
        #expect(AnthropicConfiguration(environment: [:]) == nil)
    }
}
