import Foundation
import Testing
import TriageModel
@testable import TriageRules

/// The shipped example rules do what their comments say, on tickets written for each of them.
@Suite struct ExampleRulesTests {
    static func load(_ path: String) throws -> RuleEngine {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let yaml = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        return RuleEngine(rules: try RuleSet.parse(yaml: yaml, file: path))
    }

    /// Tuesday 3 March 2026, 09:30 UTC (10:30 in Berlin, inside business hours).
    static let now = Samples.date("2026-03-03T09:30:00Z")

    static func subject(subject: String, text: String, department: String, priority: Priority = .normal,
                        sentiment: Sentiment = .neutral, confidence: Double = 0.9, tags: [String] = [],
                        custom: [String: String] = [:], email: String = "kim@shop.example",
                        created: String = "2026-03-03T09:00:00Z") -> RuleSubject {
        let ticket = TicketFacts(source: "zendesk", externalID: "1", subject: subject, text: text, channel: "email",
                                 requesterEmail: email, tags: tags, status: "open", createdAt: Samples.date(created),
                                 messageCount: 1, lastCustomerMessageAt: Samples.date(created), customFields: custom)
        let triage = TriageResult(department: department, priority: priority, sentiment: sentiment, language: "en",
                                  confidence: confidence, summary: "", backend: .local, model: "local",
                                  promptVersion: "1")
        return RuleSubject(ticket: ticket, triage: triage, contentHash: "h", now: now)
    }

    @Test func securityReportsGoOnlyToSecurity() throws {
        let engine = try Self.load("Templates/rules.example.yml")
        // classified as Billing, but the text reads like account takeover: security wins and stops
        let outcome = engine.evaluate(Self.subject(subject: "Strange charges", text: "I think my account was hacked, "
                                                   + "there are refunds I never asked for", department: "Billing",
                                                   sentiment: .negative, custom: ["refund_amount": "900", "plan": "enterprise"]))
        #expect(outcome.firings.map(\.ruleID) == ["security-to-security-team"])
        #expect(outcome.stoppedBy == "security-to-security-team")
        #expect(outcome.escalations.map(\.team) == ["security"])
        #expect(outcome.changes.department == "Security & Abuse")
        #expect(outcome.changes.needsHumanReason != nil)
        #expect(outcome.notifications.count == 1)
    }

    @Test func outagesPageOnCall() throws {
        let engine = try Self.load("Templates/rules.example.yml")
        let outcome = engine.evaluate(Self.subject(subject: "Dashboard not loading", text: "Everything returns 503 since 9.",
                                                   department: "Technical Support", created: "2026-03-03T08:30:00Z"))
        // the outage rule makes it urgent; the SLA rule then sees urgent's 1 h target with 1 h elapsed: at risk
        #expect(outcome.firings.map(\.ruleID) == ["outage-to-on-call", "first-response-at-risk"])
        #expect(outcome.changes.priority == .urgent)
        #expect(outcome.changes.addedTags == ["outage", "sla-risk"])
        let pager = try #require(outcome.notifications.first)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(pager.body.utf8)) as? [String: String])
        #expect(body["summary"] == "Possible outage: Dashboard not loading")
        #expect(body["severity"] == "critical")
        // a load test is not an outage
        let test = engine.evaluate(Self.subject(subject: "Dashboard not loading", text: "503 everywhere",
                                                department: "Technical Support", tags: ["load-test"]))
        #expect(!test.firings.map(\.ruleID).contains("outage-to-on-call"))
    }

    @Test func angryEnterpriseCustomersGetALead() throws {
        let engine = try Self.load("Templates/rules.example.yml")
        let angry = engine.evaluate(Self.subject(subject: "Again?!", text: "Third time this week. Unacceptable.",
                                                 department: "Product Feedback", sentiment: .negative,
                                                 email: "cio@megabank.example"))
        #expect(angry.firings.map(\.ruleID) == ["angry-enterprise-to-lead"])
        #expect(angry.changes.priority == .high)
        let calm = engine.evaluate(Self.subject(subject: "Idea", text: "Would love dark mode.", department: "Product Feedback",
                                                sentiment: .positive, custom: ["plan": "enterprise"]))
        #expect(calm.firings.isEmpty)
    }

    @Test(arguments: [("900", true), ("500", false), ("n/a", false)])
    func largeRefundsGoToFinance(amount: String, fires: Bool) throws {
        let engine = try Self.load("Templates/rules.example.yml")
        let outcome = engine.evaluate(Self.subject(subject: "Refund please", text: "Please refund my annual plan.",
                                                   department: "Billing", custom: ["refund_amount": amount]))
        #expect(outcome.firings.map(\.ruleID).contains("large-refund-to-finance") == fires)
        #expect(outcome.escalations.map(\.team).contains("finance") == fires)
    }

    @Test func unsureAnswersGoToAPerson() throws {
        let engine = try Self.load("SampleTickets/rules.yml")
        let outcome = engine.evaluate(Self.subject(subject: "Hmm", text: "Question about something", department: "General Inquiry",
                                                   confidence: 0.4))
        #expect(outcome.firings.map(\.ruleID) == ["unsure-to-human"])
        #expect(outcome.changes.needsHumanReason == "The classifier was unsure")
    }
}
