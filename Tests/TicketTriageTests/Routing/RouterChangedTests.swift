import Foundation
import Testing
@testable import TicketTriage
import TriageModel
import TriageRules
import TriageStore

/// `changed` conditions when routing from the store: the facts of the routed version are kept (`routed_facts`)
/// and become `RuleSubject.previous` when the ticket has new content.
@Suite struct RouterChangedTests {
    static let rules = """
        version: 1
        rules:
          - id: department-moved
            when: {field: triage.department, changed: true}
            then:
              - escalate: {team: dispatch, reason: Department changed}
          - id: priority-moved
            when: {field: triage.priority, changed: true}
            then:
              - add_tags: [reprioritised]
          - id: relabelled
            when: {field: label.department, changed: true}
            then:
              - add_tags: [relabelled]
          - id: new-text
            when: {field: text, changed: true}
            then:
              - add_tags: [new-text]
          - id: subject-edited
            when: {field: subject, changed: true}
            then:
              - add_tags: [subject-edited]
          - id: unchanged-department
            when: {field: triage.department, changed: false}
            then:
              - add_tags: [same-department]
        """

    func router() throws -> Router { Router(rules: try RuleSet.parse(yaml: Self.rules)) }

    /// Ticket `id` re-imported with new customer text (and optionally a new human label), then re-triaged.
    func reimport(_ store: TicketStore, _ id: Int, text: String, label: String? = nil, department: String,
                  priority: Priority) throws {
        _ = try store.upsert([ImportedTicket(
            source: "zendesk", externalID: "\(id)", subject: "Ticket \(id)", status: "open",
            createdAt: RoutingFixtures.now.addingTimeInterval(-3600), labelDepartment: label,
            messages: [ImportedMessage(externalID: "m\(id)", role: .customer,
                                       sentAt: RoutingFixtures.now.addingTimeInterval(-3600), text: text)])],
            runID: nil)
        try RoutingFixtures.triage(store, "zendesk:\(id)", department: department, priority: priority)
    }

    @Test func aChangedRuleFiresOnlyWhenTheRoutedVersionDiffers() throws {
        let store = try RoutingFixtures.store(tickets: 3)
        let router = try router()

        // New tickets: nothing to compare with, so `changed: true` never holds and `changed: false` always does.
        let first = try router.routeAll(store: store, now: RoutingFixtures.now)
        #expect(first.firingsByRule == ["unchanged-department": 3])

        // Ticket 2 (Billing, normal) comes back with new text, a human label and a new triage answer.
        try reimport(store, 2, text: "It is worse now", label: "Sales", department: "Sales", priority: .urgent)
        let second = try router.routeAll(store: store, now: RoutingFixtures.now.addingTimeInterval(60))
        #expect(second.tickets == 1)
        #expect(second.firingsByRule == ["department-moved": 1, "priority-moved": 1, "relabelled": 1, "new-text": 1])
        #expect(second.sample.allSatisfy { $0.ticket == "zendesk:2" })
        let moved = try #require(second.sample.first { $0.rule == "department-moved" })
        #expect(moved.matched == [#"triage.department changed true (was "Billing" → "Sales")"#])
        #expect(second.written.escalations == 1)

        // New text again, same triage answer and label: only the text rule and the unchanged-department rule fire.
        try reimport(store, 2, text: "Any news?", label: "Sales", department: "Sales", priority: .urgent)
        let third = try router.routeAll(store: store, now: RoutingFixtures.now.addingTimeInterval(120))
        #expect(third.firingsByRule == ["new-text": 1, "unchanged-department": 1])

        // Nothing new: nothing routed, nothing fired.
        let fourth = try router.routeAll(store: store, now: RoutingFixtures.now.addingTimeInterval(180))
        #expect(fourth.tickets == 0 && fourth.firingsByRule.isEmpty)
    }

    @Test func aDryRunWritesNoSnapshot() throws {
        let store = try RoutingFixtures.store(tickets: 2)
        _ = try router().routeAll(store: store, now: RoutingFixtures.now, dryRun: true)
        let candidates = try store.routingCandidates(RoutingSelection())
        #expect(candidates.count == 2)
        #expect(candidates.allSatisfy { $0.routedFacts == nil && $0.routedHash == nil })

        _ = try router().routeAll(store: store, now: RoutingFixtures.now)
        let routed = try store.routingCandidates(RoutingSelection(unroutedOnly: false))
        #expect(routed.allSatisfy { $0.routedFacts != nil && $0.routedHash == $0.ticket.contentHash })
    }

    @Test func routedFactsRoundTripEveryComparableField() throws {
        let created = Date(timeIntervalSince1970: 1_780_000_000.123)
        let ticket = TicketFacts(
            source: "zendesk", externalID: "7", subject: "Quote \" backslash \\ and\nnewline – ü", text: "Long text",
            channel: "email", requesterEmail: "Ana@Example.COM", organization: "Acme", tags: ["vip", "b\"q"],
            status: "open", createdAt: created, messageCount: 4,
            customFields: ["plan": "pro", "refund_amount": "500", "tab\tkey": "x\u{1}y"],
            labelDepartment: "Billing", labelPriority: "P1")
        let triage = TriageResult(department: "Billing", priority: .high, sentiment: .negative, language: "de",
                                  confidence: 0.1 + 0.2, summary: "not kept", needsHuman: true, backend: .claude,
                                  model: "m", promptVersion: "1")
        let subject = RuleSubject(ticket: ticket, triage: triage, contentHash: "c0ffee", now: RoutingFixtures.now)
        let json = RoutedFacts(subject).json
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(object?["v"] as? Int == 1)
        let facts = try #require(RoutedFacts.decode(json))
        #expect(facts == RoutedFacts(subject))
        let previous = facts.previousVersion(source: "zendesk", externalID: "7")
        var expected = ticket
        expected.text = ""
        #expect(previous.ticket == expected)
        #expect(previous.ticket.createdAt == created)
        #expect(previous.ticket.requesterDomain == "example.com")
        #expect(previous.triage?.confidence == triage.confidence)
        #expect(previous.triage?.needsHuman == true && previous.triage?.backend == .claude)
        #expect(previous.textDigest == RuleSubject.Version.digest(ofText: "Long text"))

        // No triage, no optional values.
        let bare = RuleSubject(ticket: TicketFacts(source: "s", externalID: "1", subject: ""), triage: nil,
                               contentHash: "h", now: RoutingFixtures.now)
        #expect(RoutedFacts.decode(RoutedFacts(bare).json) == RoutedFacts(bare))
        // Another shape version or garbage: treated as never routed.
        #expect(RoutedFacts.decode(#"{"v":2,"subject":"x"}"#) == nil)
        #expect(RoutedFacts.decode("[]") == nil)
    }
}
