import AnthropicClient
import Foundation
import Testing
import TriageNetwork
import TriageTestSupport

/// A kept-alive connection that dies after the server read the request: libcurl would re-send the request by
/// itself; the client must instead leave every repeat to its one retry policy, and never repeat a batch creation.
@Suite("connection resets on reused connections")
struct ConnectionResetTests {
    @Test("a message reset on a reused connection is retried by the policy (one backoff wait), not re-sent by libcurl")
    func messageResetGoesThroughThePolicy() async throws {
        let fixture = try await MockFixture.start()
        _ = try await fixture.client.createMessage(MockFixture.request("opens the connection"))
        await fixture.mock.script([.resetConnection(onlyIfReused: true)])
        let response = try await fixture.client.createMessage(MockFixture.request("second, on the kept-alive connection"))
        #expect(response.message.stopReason == .endTurn)
        #expect(await fixture.mock.resetsApplied() == 1)
        let requests = await fixture.messageRequests()
        #expect(requests.count == 3)
        #expect(requests[1].reusedConnection)
        // Exactly the policy's first backoff (0.5 s × jitter 1.0) happened before the repeat.
        #expect(fixture.clock.sleeps == [.milliseconds(500)])
        await fixture.mock.stop()
    }

    @Test("without retries the reset surfaces as a lost connection and the request reached the server once")
    func messageResetWithoutRetries() async throws {
        let fixture = try await MockFixture.start(maxRetries: 0)
        _ = try await fixture.client.createMessage(MockFixture.request("opens the connection"))
        await fixture.mock.script([.resetConnection(onlyIfReused: true)])
        let error = await #expect(throws: AnthropicError.self) {
            try await fixture.client.createMessage(MockFixture.request("second"))
        }
        guard case let .network(networkError, attempts)? = error else {
            Issue.record("expected a network error, got \(String(describing: error))")
            return
        }
        #expect(attempts == 1)
        #expect(networkError.requestMayHaveArrived)
        #expect(await fixture.messageRequests().count == 2)
        await fixture.mock.stop()
    }

    @Test("a batch creation never rides on a kept-alive connection, so a stale one cannot reset it")
    func batchCreationUsesAFreshConnection() async throws {
        let fixture = try await MockFixture.start()
        _ = try await fixture.client.countTokens(MockFixture.request("opens a connection"))
        _ = try await fixture.client.model(id: "claude-haiku-5-5")
        await fixture.mock.script([.resetConnection(onlyIfReused: true)], for: .batches)
        let batch = try await fixture.client.createBatch([BatchRequest(customID: "t-1", params: MockFixture.request("one"))])
        #expect(batch.requestCounts.processing == 1)
        #expect(await fixture.mock.resetsApplied() == 0)
        #expect(await fixture.mock.batchesCreated() == 1)
        let requests = await fixture.mock.receivedRequests()
        let creation = try #require(requests.first { $0.path == "/v1/messages/batches" })
        #expect(!creation.reusedConnection)
        #expect(requests[1].reusedConnection, "the GET reused the first connection; the batch did not")
        await fixture.mock.stop()
    }

    @Test("a batch created and then reset is not sent again: one batch at the fake, a may-have-arrived error")
    func batchResetAfterCreationIsNotRepeated() async throws {
        let fixture = try await MockFixture.start()
        _ = try await fixture.client.countTokens(MockFixture.request("opens a connection"))
        await fixture.mock.script([.resetConnection(onlyIfReused: false)], for: .batches)
        let error = await #expect(throws: AnthropicError.self) {
            try await fixture.client.createBatch([BatchRequest(customID: "t-1", params: MockFixture.request("one"))])
        }
        guard case let .network(networkError, _)? = error else {
            Issue.record("expected a network error, got \(String(describing: error))")
            return
        }
        #expect(networkError.requestMayHaveArrived)
        #expect(await fixture.mock.batchesCreated() == 1)
        #expect(await fixture.mock.receivedRequests().filter { $0.path == "/v1/messages/batches" }.count == 1)
        #expect(fixture.clock.sleeps.isEmpty)
        await fixture.mock.stop()
    }

    @Test("each request waits its own retry-after: a 2 s retry-after does not hold a request told 100 ms")
    func retryAfterIsPerRequest() async throws {
        let fixture = try await MockFixture.start(options: .init(timeToFirstToken: .milliseconds(100)))
        await fixture.mock.script([
            .rateLimited(retryAfter: 2),
            .error(status: 429, type: "rate_limit_error", headers: ["retry-after-ms": "100"]),
        ])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<2 {
                group.addTask { _ = try await fixture.client.createMessage(MockFixture.request("ticket \(i)")) }
            }
            try await group.waitForAll()
        }
        #expect(fixture.clock.sleeps.sorted() == [.milliseconds(100), .seconds(2)])
        #expect(await fixture.messageRequests().count == 4)
        await fixture.mock.stop()
    }

    @Test("an HTML error page is reduced to status, title and request id")
    func htmlErrorPage() async throws {
        let fixture = try await MockFixture.start()
        await fixture.mock.script([.htmlPage(status: 413, title: "413 Request Entity Too Large")])
        let error = await #expect(throws: AnthropicError.self) { try await fixture.client.createMessage(MockFixture.request()) }
        guard case let .api(apiError)? = error else {
            Issue.record("expected an API error")
            return
        }
        #expect(apiError.status == 413)
        #expect(apiError.type == .requestTooLarge)
        #expect(apiError.message == "HTML error page: 413 Request Entity Too Large")
        #expect(apiError.requestID == "req_mock_000001")
        let text = String(describing: error!)
        #expect(!text.contains("<") && !text.contains("padding"))
        #expect(text.contains("413") && text.contains("req_mock_000001"))
        await fixture.mock.stop()
    }
}
