import Dispatch
import Foundation
import TriageModel

/// A micro-benchmark of pure evaluation: synthetic rules over synthetic tickets, no I/O.
///
/// The bench tool calls ``run(rules:subjects:)`` and prints ``Result/ticketsPerSecond``.
public enum RuleBenchmark {
    /// What one run measured.
    public struct Result: Sendable, Hashable {
        public var rules: Int
        public var subjects: Int
        /// Time spent evaluating (building the subjects and parsing the rules is not counted).
        public var duration: Duration
        /// Firings over all subjects (keeps the work observable, and sanity-checks the rules do fire).
        public var firings: Int
        public var notifications: Int

        public var ticketsPerSecond: Double {
            let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
            return seconds > 0 ? Double(subjects) / seconds : 0
        }
    }

    /// Evaluates `rules` synthetic rules (a mix of every operator family, SLA fields and notifications) over
    /// `subjects` synthetic tickets, split over `concurrency` threads (evaluation is pure, so it scales with cores).
    public static func run(rules: Int = 100, subjects: Int, concurrency: Int = 1) -> Result {
        let ruleSet: RuleSet
        do {
            ruleSet = try RuleSet.parse(yaml: rulesYAML(count: rules), file: "benchmark")
        } catch {
            preconditionFailure("the benchmark's own rules do not parse: \(error)")
        }
        let engine = RuleEngine(rules: ruleSet)
        let tickets = (0..<max(1, min(subjects, 10_000))).map(subject)
        let workers = max(1, concurrency)
        let counts = Counts(workers: workers)
        let duration = ContinuousClock().measure {
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var firings = 0, notifications = 0
                for index in stride(from: worker, to: subjects, by: workers) {
                    let outcome = engine.evaluate(tickets[index % tickets.count])
                    firings += outcome.firings.count
                    notifications += outcome.notifications.count
                }
                counts.store(worker: worker, firings: firings, notifications: notifications)
            }
        }
        let (firings, notifications) = counts.totals
        return Result(rules: rules, subjects: subjects, duration: duration, firings: firings,
                      notifications: notifications)
    }

    /// Per-worker totals; each worker writes only its own slot, under a lock.
    private final class Counts: @unchecked Sendable {
        private var slots: [(Int, Int)]
        private let lock = NSLock()

        init(workers: Int) { slots = Array(repeating: (0, 0), count: workers) }

        func store(worker: Int, firings: Int, notifications: Int) {
            lock.lock()
            slots[worker] = (firings, notifications)
            lock.unlock()
        }

        var totals: (Int, Int) {
            lock.lock()
            defer { lock.unlock() }
            return slots.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
        }
    }

    static let departments = Department.defaults.map(\.name)
    static let words = ["invoice", "refund", "login", "password", "outage", "error", "shipping", "parcel", "order",
                        "account", "charge", "upgrade", "plan", "feature", "slow", "broken", "thanks", "urgent",
                        "please", "help", "today", "customer", "billing", "api", "timeout", "crash", "mobile"]

    /// The rule words plus filler, so that each rule word is in about one ticket text in nine.
    static let vocabulary = words + (0..<500).map { "word\($0)" }

    /// Deterministic pseudo-random tickets.
    static func subject(_ index: Int) -> RuleSubject {
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
    static func rulesYAML(count: Int) -> String {
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
