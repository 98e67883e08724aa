import AnthropicClient
import Foundation
import Logging
import Testing
import TriageClassify
import TriageModel
import TriageStore
import TriageTestSupport
@testable import TicketTriage

@Suite struct BatchTriageTests {
    /// Scripts the ticket ids whose entries come back errored or expired, until `enabled` is switched off (the
    /// fake asks for an entry's outcome every time it reports on the batch, so it must stay stable meanwhile).
    final class EntryScript: @unchecked Sendable {
        private let lock = NSLock()
        private var isEnabled = true
        let errored: Int64
        let expired: Int64

        init(errored: Int64, expired: Int64) {
            self.errored = errored
            self.expired = expired
        }

        var enabled: Bool {
            get { lock.withLock { isEnabled } }
            set { lock.withLock { isEnabled = newValue } }
        }

        func outcome(_ customID: String) -> MockAnthropicServer.BatchOutcome? {
            guard enabled else { return nil }
            if customID.hasPrefix("t\(errored)-") { return .errored(type: "overloaded_error", message: "scripted") }
            if customID.hasPrefix("t\(expired)-") { return .expired }
            return nil
        }
    }

    static func batchTriage(_ mock: MockAnthropicServer, _ store: TicketStore) throws -> BatchTriage {
        var batch = BatchTriage(store: store, claude: try ClaudeRunFixtures.claude(mock, clock: .live), logger: Logger(label: "test"))
        batch.pollInterval = .milliseconds(20)
        batch.maxPollInterval = .milliseconds(100)
        return batch
    }

    static func fake(script: EntryScript = EntryScript(errored: 0, expired: 0), processing: Duration = .milliseconds(150),
                     responder: MockResponder = .deterministic) async throws -> MockAnthropicServer {
        try await MockAnthropicServer.start(options: .init(batchProcessingTime: processing, responder: responder,
                                                           batchOutcome: { script.outcome($0) }))
    }

    @Test func submitCollectAndRequeueErroredAndExpired() async throws {
        let script = EntryScript(errored: 3, expired: 5)
        let mock = try await Self.fake(script: script, processing: .seconds(1))
        defer { Task { await mock.stop() } }
        let store = try ClaudeRunFixtures.store(tickets: 10)
        let batch = try Self.batchTriage(mock, store)

        let submission = try #require(try await batch.submit())
        #expect(submission.tickets == 10)
        #expect(try store.openBatches().map(\.id) == [submission.batchID])
        #expect(try store.uncollectedBatchItems(batchID: submission.batchID).count == 10)
        // Tickets in an open batch are not sent again.
        #expect(try await batch.submit() == nil)

        let early = try await batch.collect(wait: false)
        if early.collected.isEmpty {
            // Still in progress (unless the machine was so slow the second passed already): nothing stored yet.
            #expect(early.stillProcessing == [submission.batchID])
            #expect(try store.statistics().triaged == 0)
        }
        var report = try await batch.collect(wait: true)
        report.merge(early)
        #expect(report.collected == [submission.batchID])
        #expect(report.triaged == 8)
        #expect(report.errored == 1)
        #expect(report.expired == 1)
        let statistics = try store.statistics()
        #expect(statistics.triaged == 8)
        #expect(statistics.pendingTriage == 2)
        #expect(statistics.llmCalls == 9, "8 answers and the errored entry (unbilled) are recorded; the expired one is not")
        #expect(try store.openBatches().isEmpty)
        let triaged = try store.tickets().compactMap(\.triage)
        #expect(triaged.allSatisfy { $0.result.backend == .claudeBatch })
        #expect(abs(report.spentUSD - statistics.llmCostUSD) < 1e-12)

        // The errored and expired tickets are simply pending again: the next submit sends exactly those.
        script.enabled = false
        let again = try #require(try await batch.submit())
        #expect(again.tickets == 2)
        let items = try store.uncollectedBatchItems(batchID: again.batchID).map(\.ticketID).sorted()
        #expect(items == [3, 5])
        let second = try await batch.collect(wait: true)
        #expect(second.triaged == 2)
        #expect(try store.statistics().pendingTriage == 0)
    }

    @Test func batchCallsCostHalfPrice() async throws {
        let mock = try await Self.fake()
        defer { Task { await mock.stop() } }
        let store = try ClaudeRunFixtures.store(tickets: 3)
        let batch = try Self.batchTriage(mock, store)
        _ = try await batch.submit()
        let report = try await batch.collect(wait: true)
        #expect(report.triaged == 3)
        // Recompute every call's cost by hand from the stored tokens at Haiku 5.5 prices, halved.
        var expected = 0.0
        let calls = try store.llmCalls()
        #expect(calls.count == 3)
        for call in calls {
            #expect(call.isBatch)
            let u = call.usage
            let full = (Double(u.inputTokens) * 0.10 + Double(u.outputTokens) * 0.50 + Double(u.cacheCreationInputTokens) * 0.125
                + Double(u.cacheReadInputTokens) * 0.01) / 1_000_000
            #expect(abs((call.costUSD ?? -1) - full / 2) < 1e-12)
            expected += full / 2
        }
        #expect(abs(report.spentUSD - expected) < 1e-12)
    }

    @Test func collectResumesAfterRestartAndNeverTwice() async throws {
        let mock = try await Self.fake()
        defer { Task { await mock.stop() } }
        let store = try ClaudeRunFixtures.store(tickets: 4)
        let submission = try #require(try await Self.batchTriage(mock, store).submit())
        // A new process: a fresh client and classifier find the batch by its stored id.
        let restarted = try Self.batchTriage(mock, store)
        let report = try await restarted.collect(wait: true)
        #expect(report.collected == [submission.batchID])
        #expect(report.triaged == 4)
        let again = try await restarted.collect(wait: true)
        #expect(again.collected.isEmpty && again.triaged == 0)
        #expect(try store.statistics().llmCalls == 4)
        // Collecting an entry twice (a crash between entries) changes nothing the second time.
        let item = StoredBatchItem(customID: "t1-x", ticketID: 1, contentHash: "x")
        #expect(try store.saveBatchResult(batchID: submission.batchID, item: item, result: nil, calls: [], runID: nil) == false)
    }

    @Test func invalidBatchAnswerIsRecordedAndTheTicketStaysPending() async throws {
        let responder = MockResponder { request in
            let text = MockResponder.lastUserText(request)
            let department = text.contains("Parcel") ? "Legal" : "Billing"
            return .init(text: #"{"confidence":0.9,"department":"\#(department)","language":"en","needs_human":false,"needs_human_reason":"","priority":"normal","sentiment":"neutral","summary":"s"}"#)
        }
        let mock = try await Self.fake(responder: responder)
        defer { Task { await mock.stop() } }
        let store = try ClaudeRunFixtures.store(tickets: 5)
        let batch = try Self.batchTriage(mock, store)
        _ = try await batch.submit()
        let report = try await batch.collect(wait: true)
        // Ticket 2 (n % 5 == 2) is the parcel one.
        #expect(report.invalid == 1)
        #expect(report.triaged == 4)
        #expect(try store.statistics().pendingTriage == 1)
        let invalid = try store.llmCalls().filter { $0.outcome == .invalidAnswer }
        #expect(invalid.count == 1)
        #expect(invalid.first?.error?.contains("Legal") == true)
    }

    @Test func submitStopsBeforeTheBudget() async throws {
        let mock = try await Self.fake()
        defer { Task { await mock.stop() } }
        let store = try ClaudeRunFixtures.store(tickets: 6, identical: true)
        let batch = try Self.batchTriage(mock, store)
        let one = try #require(batch.maximumBatchCost(of: TicketTextBuilder().text(for: try store.ticketForTriage(id: 1))))
        let submission = try #require(try await batch.submit(budgetUSD: one * 2.5))
        #expect(submission.tickets == 2)
        #expect(abs((submission.maximumCostUSD ?? 0) - 2 * one) < 1e-12)
    }

    @Test(arguments: [(Int64(1), "00ab3f9c12de45aa"), (Int64(9_223_372_036_854_775_807), "ff-ee/dd:cc_bb..aa99887766")])
    func customIDsMatchTheAPIPattern(id: Int64, hash: String) {
        let customID = BatchTriage.customID(ticketID: id, contentHash: hash)
        #expect(customID.range(of: "^[a-zA-Z0-9_-]{1,64}$", options: .regularExpression) != nil)
        #expect(customID.hasPrefix("t\(id)-"))
        #expect(customID.count <= 64)
    }
}
