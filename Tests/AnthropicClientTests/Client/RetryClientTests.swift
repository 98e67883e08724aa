import AnthropicClient
import Foundation
import Testing
import TriageNetwork
import TriageTestSupport

@Suite("AnthropicClient retries against the fake")
struct RetryClientTests {
    @Test("529 then 500 then success: three requests, SDK backoff waits 0.5 s and 1 s")
    func backoffAfterServerErrors() async throws {
        let fixture = try await MockFixture.start()
        await fixture.mock.script([.overloaded, .internalError])
        let response = try await fixture.client.createMessage(MockFixture.request())
        #expect(response.message.stopReason == .endTurn)
        #expect(await fixture.messageRequests().count == 3)
        #expect(fixture.clock.sleeps == [.milliseconds(500), .milliseconds(1000)])
        await fixture.mock.stop()
    }

    @Test("429 with retry-after waits what the server asks; retry-after-ms wins over it")
    func serverRequestedWaits() async throws {
        let fixture = try await MockFixture.start()
        await fixture.mock.script([
            .rateLimited(retryAfter: 2),
            .error(status: 429, type: "rate_limit_error", headers: ["retry-after-ms": "1500", "retry-after": "30"]),
        ])
        _ = try await fixture.client.createMessage(MockFixture.request())
        // The waits are exactly the server's values, in the request's own retry loop (no extra limiter pause).
        #expect(fixture.clock.sleeps == [.seconds(2), .milliseconds(1500)])
        #expect(await fixture.messageRequests().count == 3)
        await fixture.mock.stop()
    }

    @Test("retries stop after maxRetries and surface the last error with status and request id")
    func exhaustion() async throws {
        let fixture = try await MockFixture.start(maxRetries: 2)
        await fixture.mock.script([.overloaded, .overloaded, .overloaded, .overloaded])
        let error = await #expect(throws: AnthropicError.self) { try await fixture.client.createMessage(MockFixture.request()) }
        guard case let .api(apiError)? = error else { Issue.record("expected API error"); return }
        #expect(apiError.status == 529)
        #expect(apiError.type == .overloaded)
        #expect(apiError.requestID == "req_mock_000003")
        #expect(await fixture.messageRequests().count == 3)
        #expect(String(describing: error!).contains("529"))

        let none = try await MockFixture.start(maxRetries: 0)
        await none.mock.script([.gatewayTimeout])
        await #expect(throws: AnthropicError.self) { try await none.client.createMessage(MockFixture.request()) }
        #expect(await none.messageRequests().count == 1)
        await fixture.mock.stop()
        await none.mock.stop()
    }

    @Test("x-should-retry and the spend limit decide over the status")
    func headerOverrides() async throws {
        let fixture = try await MockFixture.start()
        await fixture.mock.script([.error(status: 500, type: "api_error", headers: ["x-should-retry": "false"])])
        await #expect(throws: AnthropicError.self) { try await fixture.client.createMessage(MockFixture.request()) }
        #expect(await fixture.messageRequests().count == 1)

        await fixture.mock.script([.error(status: 400, type: "invalid_request_error", headers: ["x-should-retry": "true"])])
        _ = try await fixture.client.createMessage(MockFixture.request())
        #expect(await fixture.messageRequests().count == 3)

        await fixture.mock.script([.error(status: 429, type: "rate_limit_error", errorCode: "enforced_spend_limit_reached")])
        let spend = await #expect(throws: AnthropicError.self) { try await fixture.client.createMessage(MockFixture.request()) }
        if case let .api(apiError)? = spend { #expect(apiError.errorCode == "enforced_spend_limit_reached") } else { Issue.record("expected 429") }
        #expect(await fixture.messageRequests().count == 4)
        await fixture.mock.stop()
    }

    @Test("a dropped connection and a truncated body are retried; malformed JSON is not")
    func brokenResponses() async throws {
        let fixture = try await MockFixture.start()
        await fixture.mock.script([.dropConnection, .truncatedBody])
        let response = try await fixture.client.createMessage(MockFixture.request())
        #expect(response.message.text.hasPrefix("Echo:"))
        #expect(await fixture.messageRequests().count == 3)

        await fixture.mock.script([.malformedJSON])
        let error = await #expect(throws: AnthropicError.self) { try await fixture.client.createMessage(MockFixture.request()) }
        if case .invalidResponse(_, let requestID)? = error { #expect(requestID != nil) } else { Issue.record("expected invalidResponse, got \(String(describing: error))") }
        #expect(await fixture.messageRequests().count == 4)
        await fixture.mock.stop()
    }

    @Test("slow headers past the client timeout: a timeout, retried, then success")
    func slowHeaders() async throws {
        // Generous margins: the point is that the client gave up on the 10 s stall, not how fast a loaded
        // machine answers the retry.
        let fixture = try await MockFixture.start { $0.timeout = .seconds(2) }
        await fixture.mock.script([.delay(.seconds(10))])
        let clock = ContinuousClock()
        let start = clock.now
        _ = try await fixture.client.createMessage(MockFixture.request())
        #expect(clock.now - start < .seconds(8))
        #expect(await fixture.messageRequests().count == 2)
        #expect(fixture.clock.sleeps == [.milliseconds(500)])

        let none = try await MockFixture.start(maxRetries: 0) { $0.timeout = .milliseconds(200) }
        await none.mock.script([.delay(.seconds(1))])
        let error = await #expect(throws: AnthropicError.self) { try await none.client.createMessage(MockFixture.request()) }
        if case let .network(networkError, attempts)? = error {
            #expect(networkError == .timedOut(.total, host: "127.0.0.1", after: .milliseconds(200)))
            #expect(attempts == 1)
        } else {
            Issue.record("expected a network timeout, got \(String(describing: error))")
        }
        await fixture.mock.stop()
        await none.mock.stop()
    }

    @Test("a connection refused is retried, then reported as a network error")
    func connectionRefused() async throws {
        let mock = try await MockAnthropicServer.start()
        let configuration = mock.configuration(maxRetries: 1)
        await mock.stop()
        let clock = RecordingClock()
        let client = AnthropicClient(configuration: configuration, clock: clock.clock)
        let error = await #expect(throws: AnthropicError.self) { try await client.createMessage(MockFixture.request()) }
        guard case let .network(.connectionFailed, attempts)? = error else { Issue.record("expected connectionFailed, got \(String(describing: error))"); return }
        #expect(attempts == 2)
        #expect(clock.sleeps.count == 1)
    }
}
