import Foundation
import GRDB
import Testing
@testable import TriageStore
import TriageModel

/// "Waiting for a human" lists tickets a routing rule flagged as well as those triage flagged.
@Suite("Store digest: rule-flagged tickets wait for a human")
struct DigestRuleFlagTests {
    static func routing(_ store: TicketStore, _ external: String, rule: String, reason: String, at: String) throws {
        let (id, hash) = try store.read("fixture ticket") { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT id, content_hash FROM tickets WHERE external_id = ?", arguments: [external]))
            return (row["id"] as Int64, row["content_hash"] as String)
        }
        _ = try store.recordRouting([RoutingRecord(
            ticketID: id, contentHash: hash,
            firings: [RoutingRecord.Firing(ruleID: rule, matched: [],
                                           actionsJSON: "[{\"needs_human\":{\"reason\":\"\(reason)\"}}]",
                                           escalations: [], notifications: [])],
            overrides: RoutingOverrides(needsHumanReason: reason))], at: DigestStoreFixture.instant(at))
    }

    @Test func ruleFlagsOfTheDayJoinTriageFlagsOncePerTicket() throws {
        let store = try DigestStoreFixture.make()
        try Self.routing(store, "E", rule: "legal-words", reason: "Legal request", at: "2026-03-29T10:00:00Z")
        try Self.routing(store, "B", rule: "vip", reason: "VIP customer", at: "2026-03-29T11:00:00Z")
        try Self.routing(store, "C", rule: "legal-words", reason: "Legal request", at: "2026-03-28T12:00:00Z") // the day before
        let list = try store.digestAggregates(for: DigestStoreFixture.day, ageRanges: DigestStoreFixture.ageRanges).needsHuman
        #expect(list.map(\.ticket.id) == ["desk:B", "desk:E"])
        #expect(list[0].reason == "unclear request; rule vip: VIP customer")
        #expect(list[1].reason == "rule legal-words: Legal request")
    }

    @Test func aFlagOnContentThatChangedSinceRoutingNoLongerCounts() throws {
        let store = try DigestStoreFixture.make()
        try Self.routing(store, "E", rule: "legal-words", reason: "Legal request", at: "2026-03-29T10:00:00Z")
        try store.write("content changed") { db in
            try db.execute(sql: "UPDATE tickets SET content_hash = 'changed' WHERE external_id = 'E'")
        }
        let list = try store.digestAggregates(for: DigestStoreFixture.day, ageRanges: DigestStoreFixture.ageRanges).needsHuman
        #expect(list.map(\.ticket.id) == ["desk:B"])
    }

    @Test func newTicketsWithACurrentResultAreCountedWheneverTriageRan() throws {
        let triage = try DigestStoreFixture.make().digestAggregates(for: DigestStoreFixture.day, ageRanges: DigestStoreFixture.ageRanges).triage
        #expect(triage.newTicketsTriaged == 2) // A and B; H's result is for older content, E has none
    }

    @Test func earlierTicketsForThemesAreSampledEvenlyAndCountedInFull() throws {
        let store = try DigestStoreFixture.make()
        let window = DigestAggregates.Window(start: DigestStoreFixture.instant("2026-03-01T00:00:00Z"), end: DigestStoreFixture.day.start)
        let all = try store.digestThemeDocuments(for: window, limit: 100)
        #expect(all.total == 3) // C, F, G (B at 23:30 on the 28th UTC is inside the Berlin day, so not here)
        #expect(all.documents.count == all.total)
        let sampled = try store.digestThemeDocuments(for: window, limit: 2)
        #expect(sampled.total == all.total)
        #expect(sampled.documents.count == 2)
        #expect(try store.digestThemeDocuments(for: window, limit: 0).documents.isEmpty)
    }

    @Test func aSubjectWithANulByteIsReadWhole() throws {
        let store = try DigestStoreFixture.make()
        try store.write("subject with a NUL") { db in
            try db.execute(sql: "UPDATE tickets SET subject = 'Refund' || char(0) || ' still missing' WHERE external_id = 'B'")
        }
        let list = try store.digestAggregates(for: DigestStoreFixture.day, ageRanges: DigestStoreFixture.ageRanges).needsHuman
        let subject = try #require(list.first { $0.ticket.id == "desk:B" }?.ticket.subject)
        #expect(subject == "Refund\u{0} still missing")
    }
}
