import AnthropicClient
import Foundation
import Testing
import TriageTestSupport

@Suite("AnthropicClient messages against the fake")
struct MessagesClientTests {
    @Test("a message round trip: auth and version headers, deterministic answer, request id, rate-limit state")
    func roundTrip() async throws {
        let fixture = try await MockFixture.start()
        let response = try await fixture.client.createMessage(MockFixture.request())
        #expect(response.message.text == "Echo: Hello there, my printer is on fire")
        #expect(response.message.stopReason == .endTurn)
        #expect(response.requestID?.hasPrefix("req_mock_") == true)
        let sent = try #require(await fixture.messageRequests().first)
        #expect(sent.headers["authorization"] == "Bearer sk-ant-mock-key")
        #expect(sent.headers["x-api-key"] == nil)
        #expect(sent.headers["anthropic-version"] == "2026-10-21")
        #expect(await fixture.client.limiter.snapshot.requests.limit == 100_000)

        let legacy = try await MockFixture.start(apiVersion: "2023-06-01")
        _ = try await legacy.client.createMessage(MockFixture.request(model: "claude-haiku-4-5"))
        let legacySent = try #require(await legacy.messageRequests().first)
        #expect(legacySent.headers["x-api-key"] == "sk-ant-mock-key")
        #expect(legacySent.headers["anthropic-version"] == "2023-06-01")
        await fixture.mock.stop()
        await legacy.mock.stop()
    }

    @Test("structured output: the answer is JSON following the schema, keyword-matched")
    func structuredOutput() async throws {
        let fixture = try await MockFixture.start()
        var request = MockFixture.request("I was charged twice, please fix my billing")
        request.outputConfig = OutputConfig(format: OutputFormat(schema: MockFixture.classificationSchema), effort: .low)
        let message = try await fixture.client.createMessage(request).message
        let answer = try #require(JSONValue.parse(Data(message.text.utf8)))
        #expect(answer["department"] == .string("billing"))
        #expect(answer["priority"] == .string("low"))
        #expect(answer["summary"]?.stringValue != nil)
        await fixture.mock.stop()
    }

    @Test("the fake rejects what the API rejects, and the client does not retry a 400/401/404")
    func validationErrors() async throws {
        let fixture = try await MockFixture.start()
        var sampled = MockFixture.request()
        sampled.temperature = 0.0
        var looseSchema = MockFixture.request()
        looseSchema.outputConfig = OutputConfig(format: OutputFormat(schema: .object([
            "type": .string("object"), "properties": .object(["a": .object(["type": .string("string")])]),
        ])))
        var tooManyBreakpoints = MockFixture.request()
        tooManyBreakpoints.system = .blocks((0..<5).map { TextBlock(text: "part \($0)", cacheControl: .ephemeral) })
        for request in [sampled, looseSchema, tooManyBreakpoints] {
            let error = await #expect(throws: AnthropicError.self) { try await fixture.client.createMessage(request) }
            guard case let .api(apiError)? = error else { Issue.record("expected API error, got \(String(describing: error))"); continue }
            #expect(apiError.status == 400)
            #expect(apiError.type == .invalidRequest)
            #expect(apiError.requestID != nil)
        }
        let unknownModel = await #expect(throws: AnthropicError.self) {
            try await fixture.client.createMessage(MockFixture.request(model: "claude-haiku-4.5"))
        }
        if case let .api(apiError)? = unknownModel { #expect(apiError.type == .notFound) } else { Issue.record("expected 404") }
        #expect(await fixture.messageRequests().count == 4)
        #expect(fixture.clock.sleeps.isEmpty)

        let wrongKey = AnthropicClient(configuration: AnthropicConfiguration(apiKey: APIKey("sk-ant-wrong-secret"), baseURL: fixture.mock.baseURL),
                                       clock: fixture.clock.clock)
        let authError = await #expect(throws: AnthropicError.self) { try await wrongKey.createMessage(MockFixture.request()) }
        if case let .api(apiError)? = authError { #expect(apiError.type == .authentication) } else { Issue.record("expected 401") }
        #expect(!String(describing: authError).contains("sk-ant-wrong-secret"))
        await fixture.mock.stop()
    }

    @Test("legacy version: temperature is accepted by Haiku 4.5, temperature with top_p is not")
    func legacySampling() async throws {
        let fixture = try await MockFixture.start(apiVersion: "2023-06-01")
        var request = MockFixture.request(model: "claude-haiku-4-5-20251001")
        request.temperature = 0.2
        _ = try await fixture.client.createMessage(request)
        request.topP = 0.9
        await #expect(throws: AnthropicError.self) { try await fixture.client.createMessage(request) }
        await fixture.mock.stop()
    }

    @Test("prompt caching: a long enough prefix is written once then read; below the model minimum nothing is cached")
    func promptCaching() async throws {
        let fixture = try await MockFixture.start()
        let instructions = String(repeating: "Classify the ticket into one department. ", count: 80)  // ≈ 1060 tokens for Haiku 5.5
        func request(_ model: String, _ ticket: String) -> MessageRequest {
            MessageRequest(model: model, maxTokens: 100, messages: [.user(ticket)],
                           system: .blocks([TextBlock(text: instructions, cacheControl: .ephemeral)]))
        }
        let first = try await fixture.client.createMessage(request("claude-haiku-5-5", "ticket one")).message.usage
        let second = try await fixture.client.createMessage(request("claude-haiku-5-5", "ticket two")).message.usage
        #expect((first.cacheCreationInputTokens ?? 0) > 512)
        #expect(first.cacheReadInputTokens == 0)
        #expect(second.cacheReadInputTokens == first.cacheCreationInputTokens)
        #expect(second.cacheCreationInputTokens == 0)
        #expect(second.totalInputTokens == first.totalInputTokens)

        let legacy = try await fixture.client.createMessage(request("claude-haiku-4-5", "ticket three")).message.usage
        #expect(legacy.cacheCreationInputTokens == 0)
        #expect(legacy.cacheReadInputTokens == 0)
        await fixture.mock.stop()
    }

    @Test("count_tokens and models/{id}")
    func tokensAndModels() async throws {
        let fixture = try await MockFixture.start()
        let short = try await fixture.client.countTokens(MockFixture.request("hi"))
        let long = try await fixture.client.countTokens(MockFixture.request(String(repeating: "long ticket text ", count: 50)))
        #expect(short >= 1)
        #expect(long > short * 10)
        let model = try await fixture.client.model(id: "claude-haiku-4-5")
        #expect(model.maxTokens == 64_000)
        let missing = await #expect(throws: AnthropicError.self) { try await fixture.client.model(id: "claude-nope-1") }
        if case let .api(apiError)? = missing { #expect(apiError.status == 404) } else { Issue.record("expected 404") }
        await #expect(throws: AnthropicError.self) { try await fixture.client.model(id: "../secrets") }
        await fixture.mock.stop()
    }
}
