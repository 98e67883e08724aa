import Foundation
import Testing
import TriageModel
@testable import TriageStore

/// The routed view `triage list` and `triage show` read.
@Suite struct TicketStoreRoutedViewTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func triage(_ store: TicketStore, _ reference: String, department: String = "Billing") throws -> StoredTicket {
        let ticket = try store.ticket(reference: reference)
        try store.saveTriage(ticketID: ticket.id, contentHash: ticket.contentHash,
                             result: TriageResult(department: department, priority: .high, sentiment: .negative,
                                                  language: "en", confidence: 0.9, summary: "s", backend: .local,
                                                  model: "m", promptVersion: "1"),
                             calls: [], runID: nil, owner: nil)
        return try store.ticket(reference: reference)
    }

    func record(_ ticket: StoredTicket, rule: String, team: String?, overrides: RoutingOverrides?) -> RoutingRecord {
        RoutingRecord(ticketID: ticket.id, contentHash: ticket.contentHash,
                      firings: [.init(ruleID: rule, matched: [#"triage.department is "Billing""#],
                                      actionsJSON: "[]",
                                      escalations: team.map { [.init(team: $0, reason: "Look at it")] } ?? [])],
                      overrides: overrides)
    }

    @Test func overridesEscalationsAndFiringsOfEveryVersion() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert([sampleTicket(id: "1001"), sampleTicket(id: "1002")], runID: nil)
        let first = try triage(store, "zendesk:1001")
        _ = try triage(store, "zendesk:1002")
        try store.recordRouting([record(first, rule: "to-finance", team: "finance", overrides: RoutingOverrides(
            department: "Finance", priority: .urgent, addedTags: ["refund"], removedTags: ["vip"],
            needsHumanReason: "Large refund"))], at: Self.t0)

        let views = try store.routingViews(ticketIDs: [first.id, first.id + 1, 999])
        #expect(views.count == 1)  // 1002 was never routed
        let view = try #require(views[first.id])
        #expect(view.current && view.routedHash == first.contentHash)
        #expect(view.department == "Finance" && view.priority == "urgent")
        #expect(view.addedTags == ["refund"] && view.removedTags == ["vip"])
        #expect(view.needsHumanReason == "Large refund" && view.changesSomething)
        #expect(view.escalations == nil && view.firings == nil)
        #expect(try store.routingDetail(ticketID: first.id + 1) == nil)

        // New content, triaged and routed again: a second firing for the new version; the first stays in history.
        _ = try store.upsert([sampleTicket(id: "1001", text: "Still charged twice")], runID: nil)
        let second = try triage(store, "zendesk:1001")
        #expect(try store.routingViews(ticketIDs: [first.id])[first.id]?.current == false)
        try store.recordRouting([record(second, rule: "to-finance", team: nil, overrides: nil)],
                                at: Self.t0.addingTimeInterval(60))
        let detail = try #require(try store.routingDetail(ticketID: first.id))
        #expect(detail.current && !detail.changesSomething)
        #expect(detail.escalations == [.init(ruleID: "to-finance", team: "finance", reason: "Look at it", createdAt: Self.t0)])
        let firings = try #require(detail.firings)
        #expect(firings.map(\.ruleID) == ["to-finance", "to-finance"])
        #expect(firings.map(\.current) == [false, true])
        #expect(firings.map(\.teams) == [["finance"], []])
        #expect(firings.map(\.firedAt) == [Self.t0, Self.t0.addingTimeInterval(60)])
        #expect(firings[0].matched == [#"triage.department is "Billing""#])
        #expect(firings[0].contentHash == first.contentHash && firings[1].contentHash == second.contentHash)
    }

    @Test func listingByDepartmentFollowsTheRoutedView() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert([sampleTicket(id: "1001"), sampleTicket(id: "1002")], runID: nil)
        let first = try triage(store, "zendesk:1001")
        _ = try triage(store, "zendesk:1002")
        try store.recordRouting([record(first, rule: "r", team: nil, overrides: RoutingOverrides(department: "Finance"))])
        #expect(try store.tickets(matching: TicketFilter(department: "Finance")).map(\.externalID) == ["1001"])
        #expect(try store.tickets(matching: TicketFilter(department: "Billing")).map(\.externalID) == ["1002"])
        // New content not routed yet: the earlier version's override no longer applies.
        _ = try store.upsert([sampleTicket(id: "1001", text: "Another question")], runID: nil)
        _ = try triage(store, "zendesk:1001")
        #expect(try store.tickets(matching: TicketFilter(department: "Finance")).isEmpty)
        #expect(try store.tickets(matching: TicketFilter(department: "Billing")).count == 2)
    }
}
