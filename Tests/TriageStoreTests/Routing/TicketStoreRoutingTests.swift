import Foundation
import GRDB
import Testing
import TriageModel
@testable import TriageStore

@Suite struct TicketStoreRoutingTests {
    /// A store with one triaged ticket (id 1) and one untriaged ticket.
    func triagedStore() throws -> (TicketStore, RoutingCandidate) {
        let store = try TicketStore.inMemory()
        _ = try store.upsert([sampleTicket(id: "1001"), sampleTicket(id: "1002", subject: "Untriaged")], runID: nil)
        let ticket = try store.ticket(reference: "zendesk:1001")
        let result = TriageResult(department: "Billing", priority: .high, sentiment: .negative, language: "en",
                                  confidence: 0.9, summary: "Double charge", backend: .local, model: "m", promptVersion: "1")
        try store.saveTriage(ticketID: ticket.id, contentHash: ticket.contentHash, result: result, calls: [], runID: nil, owner: nil)
        let candidates = try store.routingCandidates(RoutingSelection())
        return (store, try #require(candidates.first))
    }

    func record(_ candidate: RoutingCandidate, key: String = "tt-0001", facts: RoutedFacts? = nil) -> RoutingRecord {
        RoutingRecord(
            ticketID: candidate.ticket.id, contentHash: candidate.ticket.contentHash,
            firings: [RoutingRecord.Firing(
                ruleID: "refunds", matched: [#"text contains "charged""#], actionsJSON: #"[{"add_tags":["refund"]}]"#,
                escalations: [.init(team: "finance", reason: "Refund")],
                notifications: [.init(url: "http://127.0.0.1:9/hook", body: #"{"text":"hi"}"#, idempotencyKey: key)])],
            overrides: RoutingOverrides(priority: .urgent, addedTags: ["refund"]), facts: facts)
    }

    @Test func candidatesAreTriagedTicketsWithCustomerTextAndFacts() throws {
        let (_, candidate) = try triagedStore()
        #expect(candidate.ticket.externalID == "1001")
        #expect(candidate.ticket.triage?.result.priority == .high)
        #expect(candidate.text == "I was charged twice for November.")  // the internal note is not customer text
        #expect(candidate.ticket.tags == ["billing", "vip"])
        #expect(candidate.ticket.customFields == ["plan": "Pro"])
        #expect(candidate.firedRuleIDs.isEmpty)
        #expect(candidate.routedHash == nil)
    }

    @Test func outcomeRoundTripsInOneTransaction() throws {
        let (store, candidate) = try triagedStore()
        let counts = try store.recordRouting([record(candidate)], at: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(counts.firings == 1 && counts.escalations == 1 && counts.notifications == 1 && counts.tickets == 1)
        let reread = try store.routingCandidate(reference: "zendesk:1001")
        #expect(reread.firedRuleIDs == ["refunds"])
        #expect(reread.routedHash == candidate.ticket.contentHash)
        #expect(try store.routingOverrides(ticketID: candidate.ticket.id) == RoutingOverrides(priority: .urgent, addedTags: ["refund"]))
        let column: String? = try store.read("test") { db in try String.fetchOne(db, sql: "SELECT routing_overrides FROM tickets") }
        #expect(column == #"{"added_tags":["refund"],"priority":"urgent","removed_tags":[]}"#)
        // routed: no longer a candidate; the human label is untouched
        #expect(try store.routingCandidates(RoutingSelection()).isEmpty)
        #expect(try store.routingCandidates(RoutingSelection(unroutedOnly: false)).count == 1)
        #expect(try store.ticket(reference: "zendesk:1001").labelDepartment == "Billing")
        let due = try store.dueOutbox(now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(due.map(\.idempotencyKey) == ["tt-0001"])
        #expect(due.first?.body == #"{"text":"hi"}"#)
        let (team, matched): (String?, String?) = try store.read("test") { db in
            (try String.fetchOne(db, sql: "SELECT team FROM escalations"),
             try String.fetchOne(db, sql: "SELECT matched FROM rule_firings"))
        }
        #expect(team == "finance")
        #expect(matched == #"["text contains \"charged\""]"#)
    }

    @Test func repeatedOutcomeWritesNothingNew() throws {
        let (store, candidate) = try triagedStore()
        try store.recordRouting([record(candidate)])
        let again = try store.recordRouting([record(candidate)])
        #expect(again.firings == 0 && again.escalations == 0 && again.notifications == 0)
        #expect(try store.outboxCounts() == OutboxCounts(pending: 1, delivered: 0, failed: 0))
    }

    @Test func outboxRecordsAttemptsBackoffAndDelivery() throws {
        let (store, candidate) = try triagedStore()
        try store.recordRouting([record(candidate)])
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        let item = try #require(try store.dueOutbox(now: t0).first)
        try store.recordFailedDelivery(outboxID: item.id, error: "HTTP 500", retryAt: t0.addingTimeInterval(60), at: t0)
        #expect(try store.dueOutbox(now: t0.addingTimeInterval(30)).isEmpty)  // backing off
        let retried = try #require(try store.dueOutbox(now: t0.addingTimeInterval(61)).first)
        #expect(retried.attempts == 1)
        try store.markDelivered(outboxID: item.id, at: t0.addingTimeInterval(61))
        #expect(try store.dueOutbox(now: t0.addingTimeInterval(9999)).isEmpty)
        #expect(try store.outboxCounts() == OutboxCounts(pending: 0, delivered: 1, failed: 0))
        let attempts = try store.read("test") { db in try Int.fetchOne(db, sql: "SELECT attempts FROM outbox") }
        #expect(attempts == 2)
    }

    @Test func givingUpKeepsTheRowMarkedFailed() throws {
        let (store, candidate) = try triagedStore()
        try store.recordRouting([record(candidate)])
        let item = try #require(try store.dueOutbox().first)
        try store.recordFailedDelivery(outboxID: item.id, error: "HTTP 404", retryAt: nil)
        #expect(try store.dueOutbox(now: Date().addingTimeInterval(86400)).isEmpty)
        #expect(try store.outboxCounts() == OutboxCounts(pending: 0, delivered: 0, failed: 1))
    }

    @Test func newContentMakesTheTicketACandidateAgain() throws {
        let (store, candidate) = try triagedStore()
        try store.recordRouting([record(candidate)])
        _ = try store.upsert([sampleTicket(id: "1001", text: "Now charged three times!")], runID: nil)
        let ticket = try store.ticket(reference: "zendesk:1001")
        let result = TriageResult(department: "Billing", priority: .urgent, sentiment: .negative, language: "en",
                                  confidence: 0.9, summary: "Triple charge", backend: .local, model: "m", promptVersion: "1")
        try store.saveTriage(ticketID: ticket.id, contentHash: ticket.contentHash, result: result, calls: [], runID: nil, owner: nil)
        let next = try #require(try store.routingCandidates(RoutingSelection()).first)
        #expect(next.ticket.contentHash != candidate.ticket.contentHash)
        #expect(next.firedRuleIDs.isEmpty)  // firings are per content version
        #expect(next.routedHash == candidate.ticket.contentHash)
    }

    @Test func routedFactsAreWrittenWithTheRoutedHashAndReadBackOnTheNextVersion() throws {
        let (store, candidate) = try triagedStore()
        #expect(TicketStore.schemaVersions.contains("v3-routed-facts"))
        #expect(candidate.routedFacts == nil)  // never routed
        let facts = RoutedFacts(
            subject: "Charged twice", textDigest: "d1", channel: "email", requesterEmail: "a\"b@example.org",
            organization: nil, tags: ["ü", "x/y"], status: "open", createdAt: 1_800_000_000.5, messageCount: 2,
            customFields: ["plan": "Pro", "note": "line\nbreak"], labelDepartment: nil, labelPriority: "P1",
            triage: .init(department: "Billing", priority: "high", sentiment: "negative", language: "en",
                          confidence: 0.875, needsHuman: true, backend: "local"))
        let routed = record(candidate, facts: facts)
        try store.recordRouting([routed])
        #expect(try store.routingCandidate(reference: "zendesk:1001").routedFacts == facts)

        _ = try store.upsert([sampleTicket(id: "1001", text: "Now charged three times!")], runID: nil)
        let ticket = try store.ticket(reference: "zendesk:1001")
        try store.saveTriage(ticketID: ticket.id, contentHash: ticket.contentHash,
                             result: TriageResult(department: "Billing", priority: .urgent, sentiment: .negative,
                                                  language: "en", confidence: 0.9, summary: "s", backend: .local,
                                                  model: "m", promptVersion: "1"),
                             calls: [], runID: nil, owner: nil)
        let next = try #require(try store.routingCandidates(RoutingSelection()).first)
        #expect(next.routedFacts == facts)  // the facts of the version rules last ran on
    }

    /// The store's writers give exactly what `JSONEncoder` (sorted keys) writes for the same values, and read back.
    @Test func columnCodecsMatchJSONEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func encoded(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        let tricky = ["plain", "quote \" and \\ backslash", "line\nbreak\ttab\rreturn", "slash / ü 日本 😀", ""]
        #expect(JSONWriter.array(tricky) == (try encoded(tricky)))
        #expect(JSONWriter.array([]) == "[]")
        #expect(JSONWriter.object(["b": "2", "a": "\"1\""]) == (try encoded(["b": "2", "a": "\"1\""])))
        let full = RoutingOverrides(department: "Sales \"EU\"", priority: .urgent, addedTags: ["a/b", "ü"],
                                    removedTags: ["x"], needsHumanReason: "Check\nthis")
        #expect(full.json == (try encoded(full)))
        #expect(RoutingOverrides.decode(full.json) == full)
        let partial = RoutingOverrides(addedTags: ["seen"])
        #expect(partial.json == #"{"added_tags":["seen"],"removed_tags":[]}"#)
        #expect(RoutingOverrides.decode(partial.json) == partial)
        #expect(RoutingOverrides.decode(#"{"priority":"someday"}"#) == nil)  // not a shape this version reads
        // Other control characters: a \u escape, the same JSON value.
        let control = JSONWriter.array(["bell\u{7}", "nul\u{0}"])
        #expect(control == #"["bell\u0007","nul\u0000"]"#)
        #expect(try JSONDecoder().decode([String].self, from: Data(control.utf8)) == ["bell\u{7}", "nul\u{0}"])
    }

    /// A write that fails rolls the whole batch back.
    @Test func aFailedRoutingWriteKeepsNothingOfItsBatch() throws {
        let (store, candidate) = try triagedStore()
        let orphan = RoutingRecord(ticketID: 424_242, contentHash: "none",
                                   firings: [.init(ruleID: "r", matched: [], actionsJSON: "[]")], overrides: nil)
        #expect(throws: StoreError.self) { try store.recordRouting([record(candidate), orphan]) }
        // the transaction rolled back: nothing of the batch was kept
        #expect(try store.outboxCounts() == OutboxCounts(pending: 0, delivered: 0, failed: 0))
        #expect(try store.routingCandidate(reference: "zendesk:1001").routedHash == nil)
    }
}
