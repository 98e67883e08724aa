import Foundation
import GRDB
import Testing
@testable import TriageStore
import TriageModel

@Suite("Store digest aggregates")
struct TicketStoreDigestTests {
    typealias Count = LabelCount

    func aggregates() throws -> DigestAggregates {
        try DigestStoreFixture.make().digestAggregates(for: DigestStoreFixture.day, ageRanges: DigestStoreFixture.ageRanges)
    }

    @Test("new tickets are those created in [start, end) and are split by department, priority, sentiment, channel, language")
    func newTickets() throws {
        let a = try aggregates()
        #expect(a.newTickets == 4) // A, B, E, H — not C (previous local day) nor D (created exactly at the end)
        #expect(a.byDepartment == [Count("Billing", 2), Count("Technical Support", 1), Count("Untriaged", 1)])
        #expect(a.byPriority == [Count("Untriaged", 2), Count("normal", 1), Count("urgent", 1)])
        #expect(a.bySentiment == [Count("Untriaged", 2), Count("negative", 1), Count("neutral", 1)])
        #expect(a.byChannel == [Count("email", 2), Count("chat", 1), Count("unknown", 1)])
        #expect(a.byLanguage == [Count("Untriaged", 2), Count("de", 1), Count("en", 1)])
    }

    @Test("a result for older content does not count; the human label does")
    func staleResultFallsBackToLabel() throws {
        let a = try aggregates()
        #expect(!a.byDepartment.contains { $0.label == "Sales" })
        #expect(a.notable.allSatisfy { $0.ticket.id != "desk:H" })
    }

    @Test("solved counts closed statuses (any case) updated in the day; still open counts open tickets created before its end")
    func flow() throws {
        let a = try aggregates()
        #expect(a.solved == 2)    // B (solved), E (Closed)
        #expect(a.stillOpen == 4) // A, C, F, H
    }

    @Test("backlog buckets open tickets by age at the end of the day")
    func backlog() throws {
        #expect(try aggregates().backlog == [3, 0, 0, 1, 0]) // A, C, H under a day; F 19.5 days
    }

    @Test("escalations of the day with rule, team and reason; the previous day's are left out")
    func escalations() throws {
        let list = try aggregates().escalations
        try #require(list.count == 1)
        #expect(list[0].ticket.id == "desk:A")
        #expect(list[0].ticket.department == "Billing")
        #expect(list[0].ruleID == "urgent-billing")
        #expect(list[0].team == "billing-leads")
        #expect(list[0].reason == "rule urgent-billing matched")
    }

    @Test("needs-human and notable tickets come from current results")
    func attentionLists() throws {
        let a = try aggregates()
        #expect(a.needsHuman.map(\.ticket.id) == ["desk:B"])
        #expect(a.needsHuman.first?.reason == "unclear request")
        #expect(a.notable.map(\.ticket.id) == ["desk:A"])
        #expect(a.notable.first?.summary == "Customer was charged twice")
        #expect(a.notable.first?.priority == .urgent)
    }

    @Test("theme documents carry subject, current summary and tags of every new ticket")
    func themeDocuments() throws {
        let docs = try aggregates().themeDocuments
        #expect(docs.count == 4)
        let first = try #require(docs.first { $0.subject.hasPrefix("Charged twice") })
        #expect(first.summary == "Customer was charged twice")
        #expect(first.tags == ["refund-request"])
        #expect(docs.filter { $0.summary == nil }.count == 2) // E untriaged, H stale
        #expect(docs.first { $0.tags.count == 2 }?.tags == ["vip", "plan,\"pro\""]) // escaped JSON takes the parser
    }

    @Test("triage figures: results and model calls recorded in the day")
    func triageFigures() throws {
        let t = try aggregates().triage
        #expect(t.ticketsTriaged == 3)
        #expect(t.byBackend == [Count("claude", 2), Count("local", 1)])
        #expect(t.lowConfidence == 1)
        #expect(t.calls == 2)
        #expect(t.batchCalls == 1)
        #expect(t.tokens.inputTokens == 1200)
        #expect(t.tokens.outputTokens == 120)
        #expect(t.tokens.cacheReadInputTokens == 500)
        #expect(t.lowConfidenceThreshold == NeedsHumanThreshold.default)
        #expect(abs(t.costUSD - 0.01) < 1e-9)
        #expect(t.unpricedCalls == 1)
    }

    @Test("import failures of the day: counts from the runs, errors only in the list")
    func imports() throws {
        let i = try aggregates().imports
        #expect(i.storedRecords == 9)
        #expect(i.failedRecords == 2)
        #expect(i.failures == [ImportFailureEntry(file: "exports/day.json", line: 412, record: "17", message: "unreadable date")])
    }

    @Test("day totals per window, in the order asked")
    func dayTotals() throws {
        let totals = try DigestStoreFixture.make().digestDayTotals(for: [("2026-03-28", DigestStoreFixture.previousDay),
                                                                         ("2026-03-29", DigestStoreFixture.day)])
        #expect(totals.map(\.date) == ["2026-03-28", "2026-03-29"])
        #expect(totals.map(\.newTickets) == [1, 4])
        #expect(totals.map(\.solved) == [1, 2])
        #expect(totals.map(\.stillOpen) == [2, 4])
        #expect(totals.map(\.escalations) == [1, 1])
    }

    @Test("an empty store gives zeros, not errors")
    func emptyStore() throws {
        let a = try TicketStore.inMemory().digestAggregates(for: DigestStoreFixture.day, ageRanges: DigestStoreFixture.ageRanges)
        #expect(a.newTickets == 0 && a.solved == 0 && a.stillOpen == 0)
        #expect(a.backlog == [0, 0, 0, 0, 0])
        #expect(a.triage == TriageFigures(ticketsTriaged: 0, newTicketsTriaged: 0))
    }

    /// The schema allows only known priorities and sentiments; a store edited by hand is reported, not skipped.
    @Test("an unknown priority of a notable ticket is an error naming the ticket")
    func unknownPriorityIsReported() throws {
        let store = try DigestStoreFixture.make()
        try store.write("test") { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE triage_results SET priority = 'someday' WHERE priority = 'urgent'")
        }
        #expect { try store.digestAggregates(for: DigestStoreFixture.day, ageRanges: DigestStoreFixture.ageRanges) } throws: {
            "\($0)".contains("desk:A") && "\($0)".contains("someday")
        }
    }

    @Test("the digest queries use the v2 indexes")
    func queryPlans() throws {
        let store = try DigestStoreFixture.make()
        let plans = try store.read("explaining") { db in
            try [
                "SELECT count(*) FROM tickets t WHERE \(TicketStore.openPredicate) AND t.created_at < '2026'",
                "SELECT count(*) FROM tickets t WHERE \(TicketStore.closedPredicate) AND t.updated_at >= '2026' AND t.updated_at < '2027'",
                "SELECT backend, count(*), sum(confidence < 0.6) FROM triage_results WHERE created_at >= '2026' AND created_at < '2027' GROUP BY backend",
            ].map { sql in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)").map { $0["detail"] as String }.joined(separator: " ") }
        }
        #expect(plans[0].contains("tickets_open_created"), "\(plans[0])")
        #expect(plans[1].contains("tickets_closed_updated"), "\(plans[1])")
        #expect(plans[2].contains("COVERING INDEX triage_results_digest"), "\(plans[2])")
    }
}

@Suite("Sent digest record")
struct DigestSentRecordTests {
    @Test("a digest is recorded once per day, zone and channel; a forced resend replaces the record")
    func sentOnce() throws {
        let store = try TicketStore.inMemory()
        #expect(try store.digestSentAt(day: "2026-03-29", timeZone: "Europe/Berlin", channel: "email") == nil)
        let first = DigestStoreFixture.instant("2026-03-30T04:00:00Z")
        try store.recordDigestSent(day: "2026-03-29", timeZone: "Europe/Berlin", channel: "email", detail: "to a@x", at: first)
        #expect(try store.digestSentAt(day: "2026-03-29", timeZone: "Europe/Berlin", channel: "email") == first)
        // Other channel, other zone: separate records.
        #expect(try store.digestSentAt(day: "2026-03-29", timeZone: "Europe/Berlin", channel: "webhook") == nil)
        #expect(try store.digestSentAt(day: "2026-03-29", timeZone: "UTC", channel: "email") == nil)
        let again = DigestStoreFixture.instant("2026-03-30T05:00:00Z")
        try store.recordDigestSent(day: "2026-03-29", timeZone: "Europe/Berlin", channel: "email", detail: "forced", at: again)
        #expect(try store.digestSentAt(day: "2026-03-29", timeZone: "Europe/Berlin", channel: "email") == again)
        let rows = try store.read("counting") { try Int.fetchOne($0, sql: "SELECT count(*) FROM digests") }
        #expect(rows == 1)
    }
}
