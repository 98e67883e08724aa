import Testing
import TriageModel
@testable import TriageRules

/// Every field reads the right fact: a condition that must hold and one that must not, on the sample ticket.
@Suite struct FieldTests {
    static let sla = """
    sla:
      targets:
        high: {first_response: 4h, next_response: 2h}
        urgent: {first_response: 1h}

    """

    static let cases: [(field: String, holds: String, fails: String)] = [
        ("source", "is: zendesk", "is: freshdesk"),
        ("ticket.source", "is: zendesk", "is: mail"),
        ("channel", "is: email", "is: chat"),
        ("subject", "contains: checkout", "contains: invoice"),
        ("ticket.subject", "starts_with: checkout", "starts_with: invoice"),
        ("text", "contains: 'error 503'", "contains: 'error 502'"),
        ("requester.email", "is: ops@bigcorp.example", "is: ops@smallcorp.example"),
        ("requester.domain", "is: bigcorp.example", "is: ops@bigcorp.example"),
        ("organization", "is: bigcorp", "is: smallcorp"),
        ("tags", "contains: vip", "contains: spam"),
        ("status", "is: open", "is: solved"),
        ("created_at", "is: '2026-03-02T08:00:00+01:00'", "is: '2026-03-02T08:00:00Z'"),
        ("age_hours", "is: 3", "greater_than: 3"),
        ("message_count", "is: 3", "is: 4"),
        ("hours_since_customer_message", "is: 1.5", "greater_than: 2"),
        ("custom.plan", "is: enterprise", "is: free"),
        ("label.department", "is: technical support", "is: billing"),
        ("label.priority", "is: urgent", "less_than: urgent"),
        ("triage.department", "is: Technical Support", "is: Billing"),
        ("triage.priority", "is: high", "is: urgent"),
        ("triage.sentiment", "is: negative", "is: positive"),
        ("triage.language", "is: en", "is: de"),
        ("triage.confidence", "is: 0.82", "greater_than: 0.9"),
        ("triage.needs_human", "is: false", "is: true"),
        ("triage.backend", "is: claude", "is: local"),
        // high: 4 h first response from 07:00 → due 11:00; at 10:00, 3 of 4 hours (≥ 75%) have passed
        ("sla.first_response.due_at", "is: '2026-03-02T11:00:00Z'", "less_than: '2026-03-02T11:00:00Z'"),
        ("sla.first_response.breached", "is: false", "is: true"),
        ("sla.first_response.at_risk", "is: true", "is: false"),
        // no agent reply yet: the next-response clock does not run
        ("sla.next_response.due_at", "exists: false", "exists: true"),
        ("sla.next_response.breached", "is_not: true", "is: false"),
        ("sla.next_response.at_risk", "exists: false", "is: false"),
    ]

    @Test(arguments: cases)
    func fieldReadsItsFact(field: String, holds: String, fails: String) throws {
        #expect(try Samples.holds("{field: \(field), \(holds)}", sla: Self.sla), "\(field) \(holds)")
        #expect(try !Samples.holds("{field: \(field), \(fails)}", sla: Self.sla), "\(field) \(fails)")
    }

    @Test func everyFixedFieldIsCovered() {
        let covered = Set(Self.cases.map(\.field))
        for name in RuleField.fixedNames.map(\.0) {
            #expect(covered.contains(name), "no test for \(name)")
        }
        for clock in RuleField.SLAClock.allCases {
            for fact in RuleField.SLAFact.allCases {
                #expect(covered.contains("sla.\(clock.rawValue).\(fact.rawValue)"))
            }
        }
    }

    @Test func factsFromAnImportedTicket() {
        let ticket = ImportedTicketSample.make()
        let facts = TicketFacts(ticket)
        #expect(facts.text == "The app crashes.\nStill crashing!")
        #expect(facts.messageCount == 4)
        #expect(facts.lastCustomerMessageAt == Samples.date("2026-03-02T09:00:00Z"))
        #expect(facts.firstAgentReplyAt == Samples.date("2026-03-02T08:00:00Z"))
        #expect(facts.requesterDomain == "example.org")
        let subject = RuleSubject(ticket: ticket, triage: nil, now: Samples.now)
        #expect(subject.contentHash == ticket.contentHash)
    }
}
