import AnthropicClient
import Foundation
import Logging
import Testing
import TriageClassify
import TriageModel
import TriageStore
import TriageTestSupport
@testable import TicketTriage

/// Submissions journaled before `createBatch` and resolved after a crash, a failed call or an ambiguous listing.
@Suite struct BatchRecoveryTests {
    /// Keeps the warnings and notices a `Logger` writes.
    final class CapturedLogs: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [(Logger.Level, String)] = []

        var entries: [(level: Logger.Level, message: String)] { lock.withLock { stored.map { (level: $0.0, message: $0.1) } } }

        func append(_ level: Logger.Level, _ message: String) { lock.withLock { stored.append((level, message)) } }

        var logger: Logger {
            Logger(label: "test") { _ in Handler(logs: self) }
        }

        struct Handler: LogHandler {
            let logs: CapturedLogs
            var metadata: Logger.Metadata = [:]
            var logLevel: Logger.Level = .info

            subscript(metadataKey key: String) -> Logger.Metadata.Value? {
                get { metadata[key] }
                set { metadata[key] = newValue }
            }

            func log(event: LogEvent) {
                let merged = metadata.merging(event.metadata ?? [:]) { $1 }
                let details = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                logs.append(event.level, "\(event.message) \(details)")
            }
        }
    }

    static func batchTriage(_ mock: MockAnthropicServer, _ store: TicketStore, logs: CapturedLogs = CapturedLogs(),
                            now: @escaping @Sendable () -> Date = { Date() }) throws -> BatchTriage {
        var batch = try BatchTriageTests.batchTriage(mock, store)
        batch.logger = logs.logger
        batch.now = now
        return batch
    }

    /// What a process killed right after `createBatch` returned leaves behind: the submission journaled, the batch
    /// created at the API, its id never recorded. Returns the placeholder and the batch id.
    static func interruptedSubmission(_ batch: BatchTriage, limit: Int = 100) async throws -> (placeholder: String, batchID: String) {
        let tickets = try batch.store.pendingTicketsOutsideBatches(limit: limit)
        var requests: [BatchRequest] = []
        var items: [StoredBatchItem] = []
        for ticket in tickets {
            let customID = BatchTriage.customID(ticketID: ticket.id, contentHash: ticket.contentHash)
            requests.append(BatchRequest(customID: customID, params: batch.claude.prepare(batch.textBuilder.text(for: ticket)).request))
            items.append(StoredBatchItem(customID: customID, ticketID: ticket.id, contentHash: ticket.contentHash))
        }
        let runID = try batch.store.beginTriageRun(backend: TriageBackend.claudeBatch.rawValue, budgetUSD: nil)
        let placeholder = try batch.store.journalSubmission(runID: runID, model: batch.claude.model, items: items, at: batch.now())
        let created = try await batch.claude.client.createBatch(requests)
        return (placeholder, created.id)
    }

    static func creates(_ mock: MockAnthropicServer) async -> Int {
        await mock.receivedRequests().filter { $0.method == "POST" && $0.path == "/v1/messages/batches" }.count
    }

    @Test func journaledTicketsAreInAnOpenBatchForBatchesAndLiveRuns() throws {
        let store = try ClaudeRunFixtures.store(tickets: 3)
        let items = try store.pendingTicketsOutsideBatches(limit: 2).map {
            StoredBatchItem(customID: BatchTriage.customID(ticketID: $0.id, contentHash: $0.contentHash), ticketID: $0.id, contentHash: $0.contentHash)
        }
        let placeholder = try store.journalSubmission(runID: nil, model: "claude-haiku-5-5", items: items)
        #expect(placeholder.hasPrefix("pending-"))
        #expect(try store.pendingTicketsOutsideBatches(limit: 10).map(\.id) == [3])
        #expect(try store.leasePendingTickets(owner: "live", limit: 10).map(\.id) == [3])
        #expect(try store.openBatches().isEmpty, "a placeholder is not collected from the API")
        let pending = try store.pendingSubmissions()
        #expect(pending.map(\.placeholderID) == [placeholder])
        #expect(pending.first?.requestCount == 2)
        #expect(pending.first?.model == "claude-haiku-5-5")

        #expect(try store.confirmSubmission(placeholderID: placeholder, batchID: "msgbatch_real"))
        #expect(try store.pendingSubmissions().isEmpty)
        #expect(try store.openBatches().map(\.id) == ["msgbatch_real"])
        #expect(try store.uncollectedBatchItems(batchID: "msgbatch_real").map(\.ticketID) == [1, 2])
        // Resolved by another process already: nothing to do.
        #expect(try store.confirmSubmission(placeholderID: placeholder, batchID: "msgbatch_real") == false)
        #expect(try store.knownBatchIDs(among: ["msgbatch_real", "msgbatch_other"]) == ["msgbatch_real"])
        #expect(TicketStore.schemaVersions.contains("v4-batch-journal"))
    }

    @Test func nextSubmitAdoptsTheInterruptedBatchAndDoesNotSendItsTicketsAgain() async throws {
        let mock = try await BatchTriageTests.fake()
        defer { Task { await mock.stop() } }
        let store = try ClaudeRunFixtures.store(tickets: 4)
        let logs = CapturedLogs()
        let batch = try Self.batchTriage(mock, store, logs: logs)
        let (placeholder, batchID) = try await Self.interruptedSubmission(batch)

        #expect(try await batch.submit() == nil, "every ticket is in the interrupted batch")
        #expect(await Self.creates(mock) == 1)
        #expect(try store.pendingSubmissions().isEmpty)
        #expect(try store.openBatches().map(\.id) == [batchID])
        #expect(logs.entries.contains { $0.level == .notice && $0.message.contains(batchID) && $0.message.contains(placeholder) })

        let report = try await batch.collect(wait: true)
        #expect(report.collected == [batchID])
        #expect(report.triaged == 4)
        #expect(try store.statistics().pendingTriage == 0)
        #expect(try await batch.submit() == nil)
        #expect(await Self.creates(mock) == 1)
    }

    /// The connection dies after the API created the batch (a kept-alive connection reset under the request): the
    /// creation is not sent again, the journal keeps the submission, and the next run adopts the one batch.
    @Test func aResetAfterTheBatchWasCreatedIsAdoptedNeverSentTwice() async throws {
        let mock = try await BatchTriageTests.fake()
        defer { Task { await mock.stop() } }
        let store = try ClaudeRunFixtures.store(tickets: 4)
        let batch = try Self.batchTriage(mock, store)
        await mock.script([.resetConnection(onlyIfReused: false)], for: .batches)
        await #expect(throws: (any Error).self) { _ = try await batch.submit() }
        #expect(await mock.batchesCreated() == 1)
        #expect(await Self.creates(mock) == 1)
        #expect(try store.pendingSubmissions().count == 1, "the submission stays journaled: it may have arrived")

        #expect(try await batch.submit() == nil, "every ticket is in the adopted batch")
        #expect(await mock.batchesCreated() == 1)
        #expect(try store.pendingSubmissions().isEmpty)
        #expect(try store.openBatches().count == 1)
        let report = try await batch.collect(wait: true)
        #expect(report.triaged == 4)
    }

    @Test func collectAdoptsTheInterruptedBatchAndStoresItsResults() async throws {
        let mock = try await BatchTriageTests.fake()
        defer { Task { await mock.stop() } }
        let store = try ClaudeRunFixtures.store(tickets: 3)
        // Another batch of the workspace, created just before, with a different size: not a candidate.
        _ = try await ClaudeRunFixtures.claude(mock).client.createBatch([BatchRequest(customID: "other", params: MockRequests.small)])
        let batch = try Self.batchTriage(mock, store)
        let (_, batchID) = try await Self.interruptedSubmission(batch)

        let report = try await batch.collect(wait: true)
        #expect(report.collected == [batchID])
        #expect(report.triaged == 3)
        #expect(try store.statistics().triaged == 3)
        #expect(await Self.creates(mock) == 2)
    }

    @Test(arguments: [MockFault.internalError, .error(status: 400, type: "invalid_request_error")])
    func anAnsweredFailureGivesTheTicketsBack(fault: MockFault) async throws {
        let mock = try await BatchTriageTests.fake()
        defer { Task { await mock.stop() } }
        let store = try ClaudeRunFixtures.store(tickets: 3)
        var batch = try Self.batchTriage(mock, store)
        batch.claude = try ClaudeRunFixtures.claude(mock, maxRetries: 0)
        await mock.script([fault], for: .batches)
        await #expect(throws: AnthropicError.self) { try await batch.submit() }
        #expect(try store.pendingSubmissions().isEmpty)
        #expect(try store.pendingTicketsOutsideBatches(limit: 10).count == 3)

        let submission = try #require(try await batch.submit())
        #expect(submission.tickets == 3)
        #expect(await Self.creates(mock) == 2)
        #expect(try store.openBatches().map(\.id) == [submission.batchID])
    }

    @Test func aLostConnectionKeepsTheJournalUntilAnHourPassesWithNoBatch() async throws {
        let mock = try await BatchTriageTests.fake()
        defer { Task { await mock.stop() } }
        let store = try ClaudeRunFixtures.store(tickets: 2)
        let logs = CapturedLogs()
        let batch = try Self.batchTriage(mock, store, logs: logs)
        await mock.script([.dropConnection], for: .batches)
        await #expect(throws: AnthropicError.self) { try await batch.submit() }
        let placeholder = try #require(try store.pendingSubmissions().first?.placeholderID)
        #expect(try store.pendingTicketsOutsideBatches(limit: 10).isEmpty, "the batch may exist: its tickets are not sent again")

        // Minutes later: no batch in the listing, but too young to give up on.
        let young = try await batch.recoverSubmissions()
        #expect(young.unresolved.keys.sorted() == [placeholder])
        #expect(try store.pendingSubmissions().map(\.placeholderID) == [placeholder])
        #expect(logs.entries.contains { $0.level == .warning && $0.message.contains(placeholder) })

        // Over an hour later and still nothing: the submission never arrived; its tickets are sent now.
        let later = try Self.batchTriage(mock, store, logs: logs, now: { Date().addingTimeInterval(3700) })
        let submission = try #require(try await later.submit())
        #expect(submission.tickets == 2)
        #expect(try store.pendingSubmissions().isEmpty)
        #expect(await Self.creates(mock) == 2, "the dropped one and the resend")
        #expect(logs.entries.contains { $0.level == .warning && $0.message.contains("never reached the API") && $0.message.contains(placeholder) })
    }

    @Test func twoMatchingBatchesLeaveTheSubmissionAloneWithAWarning() async throws {
        let mock = try await BatchTriageTests.fake()
        defer { Task { await mock.stop() } }
        let store = try ClaudeRunFixtures.store(tickets: 2)
        let logs = CapturedLogs()
        let batch = try Self.batchTriage(mock, store, logs: logs)
        let (placeholder, first) = try await Self.interruptedSubmission(batch)
        // A second batch of the same size in the same minutes (another tool, or a retried request).
        let second = try await batch.claude.client.createBatch([
            BatchRequest(customID: "x1", params: MockRequests.small), BatchRequest(customID: "x2", params: MockRequests.small),
        ]).id

        let report = try await batch.recoverSubmissions()
        #expect(report.adopted.isEmpty && report.abandoned.isEmpty)
        let reason = try #require(report.unresolved[placeholder])
        #expect(reason.contains(first) && reason.contains(second))
        #expect(try store.pendingSubmissions().map(\.placeholderID) == [placeholder])
        #expect(try store.pendingTicketsOutsideBatches(limit: 10).isEmpty)
        let warning = try #require(logs.entries.first { $0.level == .warning })
        #expect(warning.message.contains(placeholder) && warning.message.contains("Console"))

        // Still ambiguous an hour later: never given up on automatically, never sent again.
        let later = try Self.batchTriage(mock, store, logs: logs, now: { Date().addingTimeInterval(7200) })
        #expect(try await later.submit() == nil)
        #expect(await Self.creates(mock) == 2)
    }

    @Test func aBatchTheStoreAlreadyKnowsIsNotACandidate() async throws {
        let mock = try await BatchTriageTests.fake()
        defer { Task { await mock.stop() } }
        let store = try ClaudeRunFixtures.store(tickets: 4)
        let batch = try Self.batchTriage(mock, store)
        let recorded = try #require(try await batch.submit(limit: 2))
        // A journaled submission of the same size whose request never left.
        let items = try store.pendingTicketsOutsideBatches(limit: 2).map {
            StoredBatchItem(customID: BatchTriage.customID(ticketID: $0.id, contentHash: $0.contentHash), ticketID: $0.id, contentHash: $0.contentHash)
        }
        let placeholder = try store.journalSubmission(runID: nil, model: batch.claude.model, items: items)
        let report = try await batch.recoverSubmissions()
        #expect(report.adopted.isEmpty, "batch \(recorded.batchID) belongs to other tickets")
        #expect(report.unresolved.keys.sorted() == [placeholder])
    }
}

/// A tiny valid request for batches that are not the triage's own.
enum MockRequests {
    static let small = MessageRequest(model: "claude-haiku-5-5", maxTokens: 50, messages: [.user("hello")])
}

extension BatchRecoveryTests {
    @Test func anAmbiguousSubmissionIsSettledByHand() async throws {
        let mock = try await BatchTriageTests.fake()
        defer { Task { await mock.stop() } }
        let store = try ClaudeRunFixtures.store(tickets: 2)
        let batch = try Self.batchTriage(mock, store)
        let (placeholder, first) = try await Self.interruptedSubmission(batch)
        let single = try await batch.claude.client.createBatch([BatchRequest(customID: "x1", params: MockRequests.small)]).id

        await #expect(throws: BatchRecoveryError.countMismatch(placeholder, batchID: single, expected: 2, found: 1)) {
            try await batch.resolveSubmission(placeholderID: placeholder, batchID: single)
        }
        await #expect(throws: BatchRecoveryError.noSuchSubmission("pending-nope")) {
            try await batch.resolveSubmission(placeholderID: "pending-nope", batchID: first)
        }
        try await batch.resolveSubmission(placeholderID: placeholder, batchID: first)
        #expect(try store.pendingSubmissions().isEmpty)
        #expect(try await batch.collect(wait: true).triaged == 2)

        // `none` gives the tickets back.
        let other = try ClaudeRunFixtures.store(tickets: 1)
        let items = try other.pendingTicketsOutsideBatches(limit: 1).map {
            StoredBatchItem(customID: "t\($0.id)-x", ticketID: $0.id, contentHash: $0.contentHash)
        }
        let dropped = try other.journalSubmission(runID: nil, model: "claude-haiku-5-5", items: items)
        try await Self.batchTriage(mock, other).resolveSubmission(placeholderID: dropped, batchID: nil)
        #expect(try other.pendingTicketsOutsideBatches(limit: 5).count == 1)
    }
}

extension BatchRecoveryTests {
    @Test func aFailingListingDoesNotStopCollectingOtherBatches() async throws {
        let mock = try await BatchTriageTests.fake()
        defer { Task { await mock.stop() } }
        let store = try ClaudeRunFixtures.store(tickets: 3)
        let logs = CapturedLogs()
        var batch = try Self.batchTriage(mock, store, logs: logs)
        let submission = try #require(try await batch.submit(limit: 2))
        let items = try store.pendingTicketsOutsideBatches(limit: 1).map {
            StoredBatchItem(customID: "t\($0.id)-x", ticketID: $0.id, contentHash: $0.contentHash)
        }
        let placeholder = try store.journalSubmission(runID: nil, model: batch.claude.model, items: items)
        batch.claude = try ClaudeRunFixtures.claude(mock, maxRetries: 0, clock: .live)
        await mock.script([.internalError], for: .batches)

        let report = try await batch.collect(wait: true)
        #expect(report.collected == [submission.batchID])
        #expect(report.triaged == 2)
        #expect(try store.pendingSubmissions().map(\.placeholderID) == [placeholder])
        #expect(logs.entries.contains { $0.level == .warning && $0.message.contains("interrupted submissions") })
    }
}
