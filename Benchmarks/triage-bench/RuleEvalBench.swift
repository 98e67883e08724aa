import ArgumentParser
import Dispatch
import Foundation
import Synchronization
import TriageRules
import TriageTestSupport

/// `triage-bench rules`: pure rule evaluation, no I/O — synthetic rules (`SyntheticRules`) over synthetic tickets,
/// split over threads (evaluation is pure, so it scales with cores).
struct RuleEvalBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Rule evaluation benchmark: R synthetic rules over N synthetic tickets, no store.")

    @Option(help: "Number of evaluated tickets.") var tickets = 1_000_000
    @Option(help: "Number of rules.") var rules = 100
    @Option(help: "Threads evaluating rules.") var concurrency = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        let engine = RuleEngine(rules: try RuleSet.parse(yaml: SyntheticRules.rulesYAML(count: rules), file: "bench-rules.yml"))
        // Building the subjects is not measured; at most 10,000 distinct ones are cycled through.
        let subjects = (0..<max(1, min(tickets, 10_000))).map(SyntheticRules.subject)
        let workers = max(1, concurrency)
        let totals = Mutex((firings: 0, notifications: 0))
        let tickets = self.tickets
        let duration = ContinuousClock().measure {
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var firings = 0, notifications = 0
                for index in stride(from: worker, to: tickets, by: workers) {
                    let outcome = engine.evaluate(subjects[index % subjects.count])
                    firings += outcome.firings.count
                    notifications += outcome.notifications.count
                }
                totals.withLock { $0.firings += firings; $0.notifications += notifications }
            }
        }
        let seconds = BenchSupport.seconds(duration)
        let (firings, notifications) = totals.withLock { $0 }
        print("rules: tickets=\(tickets) rules=\(rules) concurrency=\(workers) wall=\(String(format: "%.3f", seconds)) s "
              + "tickets/s=\(String(format: "%.0f", seconds > 0 ? Double(tickets) / seconds : 0)) "
              + "firings=\(firings) notifications=\(notifications)")
    }
}
