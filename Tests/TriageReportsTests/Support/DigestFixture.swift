import Foundation
import TriageModel
import TriageReports

/// The fixed digest every golden file renders: Sunday 29 March 2026 in Berlin, the 23-hour day clocks go forward.
enum DigestFixture {
    static func instant(_ iso: String) -> Date {
        guard let date = ISO8601DateFormatter().date(from: iso) else { fatalError("bad fixture date \(iso)") }
        return date
    }

    static func ticket(_ id: String, _ subject: String, _ department: String? = nil) -> TicketReference {
        TicketReference(id: id, subject: subject, department: department)
    }

    static let xssSubject = "<script>alert(1)</script> *free* [money](http://evil.example) | pipes & \"quotes\""

    static func data() throws -> DigestData {
        let day = try DigestDay.bounds(date: "2026-03-29", timeZone: "Europe/Berlin")
        return DigestData(
            generatedAt: instant("2026-03-30T04:00:00Z"),
            day: day,
            newTickets: NewTicketCounts(
                total: 142,
                byDepartment: [
                    LabelCount("Billing", 30), LabelCount("Technical Support", 54), LabelCount("Account & Access", 22),
                    LabelCount("Shipping & Returns", 14), LabelCount("Sales", 9), LabelCount("Product Feedback", 7),
                    LabelCount("Security & Abuse", 2), LabelCount("General Inquiry", 4),
                ],
                byPriority: [LabelCount("normal", 88), LabelCount("urgent", 6), LabelCount("low", 19), LabelCount("high", 29)],
                bySentiment: [LabelCount("neutral", 81), LabelCount("negative", 45), LabelCount("positive", 16)],
                byChannel: [LabelCount("email", 97), LabelCount("zendesk", 38), LabelCount("web", 7)],
                byLanguage: [LabelCount("en", 101), LabelCount("de", 33), LabelCount("fr", 8)]),
            flow: TicketFlow(solved: 97, stillOpen: 405),
            backlog: [
                AgeBucket(label: "< 1 day", minimumHours: 0, maximumHours: 24, count: 98),
                AgeBucket(label: "1–3 days", minimumHours: 24, maximumHours: 72, count: 142),
                AgeBucket(label: "3–7 days", minimumHours: 72, maximumHours: 168, count: 134),
                AgeBucket(label: "1–4 weeks", minimumHours: 168, maximumHours: 672, count: 26),
                AgeBucket(label: "> 4 weeks", minimumHours: 672, maximumHours: nil, count: 5),
            ],
            escalations: [
                EscalationEntry(ticket: ticket("ZD-48213", "Payment failed twice, card charged anyway", "Billing"),
                                ruleID: "billing-double-charge", team: "Billing L2", reason: "possible double charge"),
                EscalationEntry(ticket: ticket("ZD-48250", xssSubject, "Security & Abuse"),
                                ruleID: "security-keywords", team: "Security", reason: "phishing link reported"),
                EscalationEntry(ticket: ticket("MAIL-9f2c", "API returns 502 since\nthe 14:00 deploy", "Technical Support"),
                                ruleID: "outage-many-reports", team: "On-call engineering", reason: "5 reports in 1 h"),
            ],
            slaBreaches: [
                SLAEntry(ticket: ticket("ZD-48102", "Cannot log in after password reset"),
                         target: "first response 4 h", dueAt: instant("2026-03-29T20:40:00Z"), priority: .high),
                SLAEntry(ticket: ticket("ZD-47990", "Refund still not received"),
                         target: "resolution 48 h", dueAt: instant("2026-03-28T09:00:00Z"), priority: .normal),
            ],
            slaAtRisk: [
                SLAEntry(ticket: ticket("ZD-48291", "Invoice shows wrong VAT number"),
                         target: "first response 8 h", dueAt: instant("2026-03-30T04:45:00Z"), priority: .normal),
            ],
            needsHuman: [
                HumanReviewEntry(ticket: ticket("ZD-48233", "Legal: GDPR deletion request"), reason: "legal request"),
                HumanReviewEntry(ticket: ticket("MAIL-a17e", "Re: Re: where is my order??"), reason: "low confidence (0.41)"),
            ],
            notable: [
                NotableTicket(ticket: ticket("MAIL-9f2c", "API returns 502 since the 14:00 deploy", "Technical Support"),
                              priority: .urgent, sentiment: .negative,
                              summary: "Customer's integration fails with 502 errors after our deploy; production is blocked."),
                NotableTicket(ticket: ticket("ZD-48250", xssSubject, "Security & Abuse"), priority: .urgent, sentiment: .neutral,
                              summary: "Reports a phishing mail using our logo; wants to know if it is real."),
                NotableTicket(ticket: ticket("ZD-48213", "Payment failed twice, card charged anyway", "Billing"),
                              priority: .high, sentiment: .negative,
                              summary: "Charged twice for the March invoice and wants the duplicate refunded today."),
            ],
            themes: [
                Theme(label: "password reset", tickets: 14, relatedPhrases: ["reset link", "password"], baselineShare: 0.021),
                Theme(label: "invoice", tickets: 9, relatedPhrases: ["vat number"], baselineShare: 0.012),
                Theme(label: "api 502", tickets: 5, baselineShare: 0),
            ],
            themeBaseline: ThemeBaseline(days: 28, tickets: 4_310),
            previousDay: DayTotals(date: "2026-03-28", newTickets: 127, solved: 104, stillOpen: 360, escalations: 2, slaBreaches: 2),
            trend: [
                DayTotals(date: "2026-03-23", newTickets: 171, solved: 160, stillOpen: 331),
                DayTotals(date: "2026-03-24", newTickets: 158, solved: 149, stillOpen: 340),
                DayTotals(date: "2026-03-25", newTickets: 163, solved: 171, stillOpen: 332),
                DayTotals(date: "2026-03-26", newTickets: 149, solved: 140, stillOpen: 341),
                DayTotals(date: "2026-03-27", newTickets: 166, solved: 157, stillOpen: 350),
                DayTotals(date: "2026-03-28", newTickets: 127, solved: 104, stillOpen: 360, escalations: 2, slaBreaches: 2),
                DayTotals(date: "2026-03-29", newTickets: 142, solved: 97, stillOpen: 405, escalations: 3, slaBreaches: 2),
            ],
            triage: TriageFigures(
                ticketsTriaged: 140,
                byBackend: [LabelCount("local", 61), LabelCount("claude", 52), LabelCount("claude-batch", 27)],
                lowConfidence: 7, lowConfidenceThreshold: 0.6,
                tokens: TokenUsage(inputTokens: 41_200, outputTokens: 12_650, cacheReadInputTokens: 188_400,
                                   cacheCreationInputTokens: 3_100),
                calls: 81, batchCalls: 27, costUSD: 0.4213),
            dataQuality: DataQuality(importedRecords: 151, importFailures: 2, failures: [
                ImportFailureEntry(file: "exports/zendesk-2026-03-29.json", line: 1841, record: "48277",
                                   message: "field 'created_at' is not a date: \"yesterday\""),
                ImportFailureEntry(file: "mail/support.mbox", line: 90211, message: "message has no From header"),
            ]))
    }
}
