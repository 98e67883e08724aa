import AnthropicClient
import Foundation
import Testing
import TriageTestSupport

@Suite("Message Batches against the fake")
struct BatchClientTests {
    static let options = MockAnthropicServer.Options(batchProcessingTime: .milliseconds(300), batchOutcome: { customID in
        switch customID {
        case "t-errored": .errored(type: "overloaded_error", message: "try again")
        case "t-expired": .expired
        default: nil
        }
    })

    @Test("create, poll until ended, stream results: succeeded, errored (scripted and invalid params), expired")
    func lifecycle() async throws {
        let fixture = try await MockFixture.start(options: Self.options, clockCap: .milliseconds(50))
        var invalid = MockFixture.request("bad")
        invalid.temperature = 1
        let batch = try await fixture.client.createBatch([
            BatchRequest(customID: "t-ok-1", params: MockFixture.request("first ticket")),
            BatchRequest(customID: "t-ok-2", params: MockFixture.request("second ticket")),
            BatchRequest(customID: "t-errored", params: MockFixture.request("third")),
            BatchRequest(customID: "t-expired", params: MockFixture.request("fourth")),
            BatchRequest(customID: "t-invalid", params: invalid),
        ])
        #expect(batch.processingStatus == .inProgress)
        #expect(batch.requestCounts.processing == 5)

        // A restarted process resumes with nothing but the id.
        let resumed = AnthropicClient(configuration: fixture.mock.configuration(), clock: fixture.clock.clock)
        let ended = try await resumed.waitForBatch(id: batch.id, initialInterval: .milliseconds(40), maxInterval: .milliseconds(100))
        #expect(ended.processingStatus == .ended)
        #expect(ended.requestCounts == MessageBatch.RequestCounts(succeeded: 2, errored: 2, expired: 1))
        #expect(ended.resultsURL != nil)

        var outcomes: [String: BatchResult.Outcome] = [:]
        for try await result in try await resumed.batchResults(id: batch.id) { outcomes[result.customID] = result.outcome }
        #expect(outcomes.count == 5)
        guard case let .succeeded(message)? = outcomes["t-ok-1"] else { Issue.record("t-ok-1: \(String(describing: outcomes["t-ok-1"]))"); return }
        #expect(message.text == "Echo: first ticket")
        let cost = ModelCatalog.standard.cost(model: message.model, usage: message.usage, isBatch: true)
        let full = ModelCatalog.standard.cost(model: message.model, usage: message.usage)
        #expect(cost != nil && full != nil && abs(cost! * 2 - full!) < 1e-15)
        if case let .errored(error)? = outcomes["t-errored"] { #expect(error.type == .overloaded) } else { Issue.record("t-errored") }
        if case let .errored(error)? = outcomes["t-invalid"] { #expect(error.type == .invalidRequest) } else { Issue.record("t-invalid") }
        #expect(outcomes["t-expired"] == .expired)
        await fixture.mock.stop()
    }

    @Test("cancel: the batch ends with every request canceled")
    func cancel() async throws {
        let fixture = try await MockFixture.start(options: .init(batchProcessingTime: .seconds(30)), clockCap: .milliseconds(50))
        let batch = try await fixture.client.createBatch([BatchRequest(customID: "a", params: MockFixture.request())])
        let canceling = try await fixture.client.cancelBatch(id: batch.id)
        #expect(canceling.processingStatus == .canceling)
        let ended = try await fixture.client.waitForBatch(id: batch.id, initialInterval: .milliseconds(60))
        #expect(ended.requestCounts.canceled == 1)
        var outcomes: [BatchResult.Outcome] = []
        for try await result in try await fixture.client.batchResults(id: batch.id) { outcomes.append(result.outcome) }
        #expect(outcomes == [.canceled])
        await fixture.mock.stop()
    }

    @Test("entries the API would refuse are refused before sending")
    func localValidation() async throws {
        let fixture = try await MockFixture.start()
        var streaming = MockFixture.request()
        streaming.stream = true
        for entries in [[BatchRequest(customID: "has space", params: MockFixture.request())],
                        [BatchRequest(customID: "s", params: streaming)],
                        [BatchRequest(customID: "d", params: MockFixture.request()), BatchRequest(customID: "d", params: MockFixture.request())],
                        []] {
            await #expect(throws: AnthropicError.self) { try await fixture.client.createBatch(entries) }
        }
        #expect(await fixture.mock.receivedRequests().isEmpty)
        await fixture.mock.stop()
    }
}
