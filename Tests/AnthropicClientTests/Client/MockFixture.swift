import AnthropicClient
import Foundation
import TriageTestSupport

/// A started fake with a client pointed at it and a recording clock.
struct MockFixture {
    let mock: MockAnthropicServer
    let clock: RecordingClock
    let client: AnthropicClient

    static func start(options: MockAnthropicServer.Options = .init(), apiVersion: String = AnthropicConfiguration.latestAPIVersion,
                      maxRetries: Int = 2, clockCap: Duration = .milliseconds(1),
                      configure: (inout AnthropicConfiguration) -> Void = { _ in }) async throws -> MockFixture {
        let mock = try await MockAnthropicServer.start(options: options)
        let clock = RecordingClock(cap: clockCap)
        var configuration = mock.configuration(apiVersion: apiVersion, maxRetries: maxRetries)
        configure(&configuration)
        return MockFixture(mock: mock, clock: clock, client: AnthropicClient(configuration: configuration, clock: clock.clock))
    }

    func messageRequests() async -> [RecordedRequest] {
        await mock.receivedRequests().filter { $0.path == "/v1/messages" }
    }

    /// The classification schema the triage stage sends.
    static let classificationSchema: JSONValue = .object([
        "type": .string("object"), "additionalProperties": .bool(false),
        "required": .array([.string("department"), .string("priority"), .string("summary")]),
        "properties": .object([
            "department": .object(["type": .string("string"), "enum": .array([.string("sales"), .string("billing"), .string("technical")])]),
            "priority": .object(["type": .string("string"), "enum": .array([.string("low"), .string("high")])]),
            "summary": .object(["type": .string("string")]),
        ]),
    ])

    static func request(_ text: String = "Hello there, my printer is on fire", model: String = "claude-haiku-5-5",
                        maxTokens: Int = 400) -> MessageRequest {
        MessageRequest(model: model, maxTokens: maxTokens, messages: [.user(text)])
    }
}
