import Foundation
import Testing
import TriageModel
@testable import TriageStore

/// Listing and manual retry of outbox rows (`triage outbox`).
@Suite struct TicketStoreOutboxTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// A store with three outbox rows from one firing: 1 delivered, 2 backing off, 3 given up.
    func store() throws -> TicketStore {
        let store = try TicketStore.inMemory()
        _ = try store.upsert([sampleTicket(id: "1001")], runID: nil)
        let ticket = try store.ticket(reference: "zendesk:1001")
        try store.saveTriage(ticketID: ticket.id, contentHash: ticket.contentHash,
                             result: TriageResult(department: "Billing", priority: .high, sentiment: .negative,
                                                  language: "en", confidence: 0.9, summary: "s", backend: .local,
                                                  model: "m", promptVersion: "1"),
                             calls: [], runID: nil, owner: nil)
        let notifications = (1...3).map {
            RoutingRecord.Notification(url: "https://hooks.example/services/T\($0)?token=secret", body: "{}",
                                       idempotencyKey: "tt-\($0)")
        }
        try store.recordRouting([RoutingRecord(
            ticketID: ticket.id, contentHash: ticket.contentHash,
            firings: [.init(ruleID: "refunds", matched: [], actionsJSON: "[]", notifications: notifications)],
            overrides: nil)], at: Self.t0)
        try store.markDelivered(outboxID: 1, at: Self.t0)
        try store.recordFailedDelivery(outboxID: 2, error: "HTTP 503 from hooks.example",
                                       retryAt: Self.t0.addingTimeInterval(3600), at: Self.t0)
        try store.recordFailedDelivery(outboxID: 3, error: "HTTP 404 from hooks.example", retryAt: nil, at: Self.t0)
        return store
    }

    @Test func entriesByStateWithTheirRuleTicketAndHistory() throws {
        let store = try store()
        let all = try store.outboxEntries(states: Set(OutboxEntry.State.allCases))
        #expect(all.map(\.id) == [1, 2, 3])
        #expect(all.map(\.state) == [.delivered, .pending, .failed])
        #expect(all.allSatisfy { $0.ruleID == "refunds" && $0.ticket == "zendesk:1001" && $0.kind == "webhook" })
        let failed = try #require(all.last)
        #expect(failed.attempts == 1 && failed.lastError == "HTTP 404 from hooks.example")
        #expect(failed.failedAt == Self.t0 && failed.deliveredAt == nil && failed.nextAttemptAt == nil)
        #expect(all[1].nextAttemptAt == Self.t0.addingTimeInterval(3600))
        #expect(all[0].deliveredAt == Self.t0)

        #expect(try store.outboxEntries(states: [.pending, .failed]).map(\.id) == [2, 3])
        #expect(try store.outboxEntries(states: [.failed]).map(\.id) == [3])
        #expect(try store.outboxEntries(states: [.delivered]).map(\.id) == [1])
        #expect(try store.outboxEntries(states: Set(OutboxEntry.State.allCases), limit: 2).map(\.id) == [1, 2])
        #expect(try store.outboxEntries(ids: [3, 99, 1]).map(\.id) == [1, 3])
    }

    @Test func retryMakesUndeliveredRowsDueAndKeepsTheirAttempts() throws {
        let store = try store()
        #expect(try store.dueOutbox(now: Self.t0).isEmpty)
        let retried = try store.retryOutbox(ids: [1, 2, 3, 99, 3])
        #expect(retried == [2, 3])  // delivered and unknown ids are left alone
        #expect(try store.dueOutbox(now: Self.t0).map(\.id) == [2, 3])
        let entries = try store.outboxEntries(ids: [1, 2, 3])
        #expect(entries.map(\.state) == [.delivered, .pending, .pending])
        #expect(entries.map(\.attempts) == [1, 1, 1])
        #expect(entries[0].deliveredAt == Self.t0)
        #expect(try store.outboxCounts() == OutboxCounts(pending: 2, delivered: 1, failed: 0))
    }

    @Test func retryAllFailedTouchesOnlyGivenUpRows() throws {
        let store = try store()
        #expect(try store.retryFailedOutbox() == [3])
        #expect(try store.dueOutbox(now: Self.t0).map(\.id) == [3])  // row 2 still backs off
        #expect(try store.retryFailedOutbox() == [])
    }
}
