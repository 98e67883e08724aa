import Foundation
import TriageModel
import TriageRules

/// A synthetic rule workload: rules that together use every operator family, SLA fields and notifications, and
/// deterministic pseudo-random tickets for them. The rule tests and `triage-bench rules` both read it.
public enum SyntheticRules {
    public static let departments = Department.defaults.map(\.name)
    public static let words = ["invoice", "refund", "login", "password", "outage", "error", "shipping", "parcel", "order",
                        "account", "charge", "upgrade", "plan", "feature", "slow", "broken", "thanks", "urgent",
                        "please", "help", "today", "customer", "billing", "api", "timeout", "crash", "mobile"]

    /// The rule words plus filler, so that each rule word is in about one ticket text in nine.
    public static let vocabulary = words + (0..<500).map { "word\($0)" }

    /// Deterministic pseudo-random ticket number `index` with a triage result, evaluated at a fixed `now`.
    public static func subject(_ index: Int) -> RuleSubject {
        var state = UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        let created = now.addingTimeInterval(-Double(next(200 * 3600)))
        let text = (0..<60).map { _ in vocabulary[next(vocabulary.count)] }.joined(separator: " ")
        let ticket = TicketFacts(
            source: "bench", externalID: String(index), subject: (0..<6).map { _ in vocabulary[next(vocabulary.count)] }.joined(separator: " "),
            text: text, channel: ["email", "web", "chat"][next(3)], requesterEmail: "user\(next(500))@domain\(next(40)).example",
            organization: "org\(next(100))", tags: (0..<next(4)).map { _ in "tag\(next(20))" },
            status: ["open", "pending", "solved"][next(3)], createdAt: created, messageCount: 1 + next(8),
            lastCustomerMessageAt: created.addingTimeInterval(Double(next(3600))),
            firstAgentReplyAt: next(2) == 0 ? nil : created.addingTimeInterval(Double(next(7200))),
            customFields: ["refund_amount": String(next(2000)), "plan": ["free", "pro", "enterprise"][next(3)]])
        let triage = TriageResult(
            department: departments[next(departments.count)], priority: Priority.allCases[next(4)],
            sentiment: Sentiment.allCases[next(3)], language: "en", confidence: Double(next(100)) / 100,
            summary: "", backend: .local, model: "bench", promptVersion: "1")
        return RuleSubject(ticket: ticket, triage: triage, contentHash: String(index, radix: 16), now: now)
    }

    /// `count` rules cycling through eight shapes that together use every operator family.
    public static func rulesYAML(count: Int) -> String {
        var yaml = """
        sla:
          business_hours: {time_zone: Europe/Berlin, weekdays: [mon, tue, wed, thu, fri], hours: "09:00-17:00"}
          targets:
            urgent: {first_response: 1h, next_response: 2h}
            high: {first_response: 4h, next_response: 8h}
            normal: {first_response: 8h}
        rules:

        """
        for index in 0..<count {
            let department = departments[index % departments.count]
            let word = words[index % words.count]
            let other = words[(index * 7 + 3) % words.count]
            let when: String = switch index % 8 {
            case 0: "{all: [{field: triage.department, is: \"\(department)\"}, {field: text, contains: \(word)}]}"
            case 1: "{any: [{field: subject, matches: '\\b(\(word)|\(other))\\b'}, {field: tags, contains: tag\(index % 20)}]}"
            case 2: "{field: custom.refund_amount, greater_than: \(1500 + index * 17 % 500)}"
            case 3: "{all: [{field: triage.priority, greater_than: normal}, {field: sla.first_response.at_risk, is: true}]}"
            case 4: "{field: requester.domain, in: [domain\(index % 40).example, domain\((index + 1) % 40).example]}"
            case 5: "{all: [{field: age_hours, between: [\(index % 50), \(index % 50 + 24)]}, {field: channel, is: email}]}"
            case 6: "{all: [{not: {field: status, is: solved}}, {field: triage.confidence, less_than: 0.0\(index % 9 + 1)}]}"
            default: "{field: text, contains_all: [\(word), \(other)]}"
            }
            let then: String = switch index % 4 {
            case 0: "[{add_tags: [r\(index)]}]"
            case 1: "[{escalate: {team: team\(index % 5), reason: rule \(index)}}]"
            case 2: "[{notify: {url: \"https://hooks.example/\(index)\"}}]"
            default: "[{set_priority: high}, {needs_human: {reason: rule \(index)}}]"
            }
            yaml += "  - {id: r\(index), when: \(when), then: \(then)}\n"
        }
        return yaml
    }
}
