import Foundation
import Testing
import TriageModel
@testable import TriageRules

/// Builders shared by the tests: one realistic ticket and helpers to parse rules and dates.
enum Samples {
    static func date(_ text: String) -> Date {
        guard let date = RuleValue.parseDate(text) else { fatalError("bad test date \(text)") }
        return date
    }

    /// Monday 2 March 2026, 10:00 UTC.
    static let now = date("2026-03-02T10:00:00Z")

    static func ticket(tags: [String] = ["vip", "Mobile"], custom: [String: String] = ["plan": "enterprise", "refund_amount": "750", "note": "n/a"]) -> TicketFacts {
        TicketFacts(
            source: "zendesk", externalID: "4711", subject: "Checkout is DOWN for all users",
            text: "Since 9am every payment fails with error 503. We lose money: refund the fees!",
            channel: "email", requesterEmail: "Ops@BigCorp.example", organization: "BigCorp", tags: tags,
            status: "open", createdAt: date("2026-03-02T07:00:00Z"), messageCount: 3,
            lastCustomerMessageAt: date("2026-03-02T08:30:00Z"), firstAgentReplyAt: nil, lastAgentReplyAt: nil,
            customFields: custom, labelDepartment: "Technical Support", labelPriority: "P1")
    }

    static func triage(department: String = "Technical Support", priority: Priority = .high,
                       sentiment: Sentiment = .negative, confidence: Double = 0.82,
                       needsHuman: Bool = false) -> TriageResult {
        TriageResult(department: department, priority: priority, sentiment: sentiment, language: "en",
                     confidence: confidence, summary: "Checkout fails with 503.", needsHuman: needsHuman,
                     backend: .claude, model: "claude-haiku-5-5", promptVersion: "v1")
    }

    static func subject(ticket: TicketFacts = Samples.ticket(), triage: TriageResult? = Samples.triage(),
                        previous: RuleSubject.Version? = nil, now: Date = Samples.now) -> RuleSubject {
        RuleSubject(ticket: ticket, triage: triage, previous: previous, contentHash: "c0ffee", now: now)
    }

    static func rules(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> RuleSet {
        do {
            return try RuleSet.parse(yaml: yaml, file: "test.yml")
        } catch {
            Issue.record("rules did not parse: \(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// Evaluates one condition (YAML flow mapping) against a subject: `true` when the rule fires.
    static func holds(_ condition: String, subject: RuleSubject = Samples.subject(),
                      sla: String = "") throws -> Bool {
        let set = try rules("\(sla)rules:\n  - {id: probe, when: \(condition), then: [{add_tags: [hit]}]}\n")
        return !RuleEngine(rules: set).evaluate(subject).firings.isEmpty
    }
}
