import Foundation
import TriageModel

/// Every rule's verdict for one ticket, plus the outcome; ``text`` is the readable form `rules explain` prints.
public struct RuleExplanation: Sendable, Hashable, Codable {
    public var subject: RuleSubject
    public var verdicts: [RuleVerdict]
    public var outcome: RoutingOutcome

    public init(subject: RuleSubject, verdicts: [RuleVerdict], outcome: RoutingOutcome) {
        self.subject = subject
        self.verdicts = verdicts
        self.outcome = outcome
    }

    /// A deterministic, line-oriented explanation: the same subject and rules always give the same text.
    ///
    /// ```text
    /// 1. outage-to-oncall: FIRED, stop
    ///      because: text matches /outage/i (was "…")
    ///      did: escalate on-call ("Possible outage")
    /// 2. refunds-to-finance: not matched
    ///      decided by: custom.refund_amount greater_than 500 (was "120")
    /// ```
    public var text: String {
        var lines = ["Ticket \(subject.ticketKey) (content \(subject.contentHash)) at \(RuleValue.date(subject.now).plainText)"]
        for (index, verdict) in verdicts.enumerated() {
            let stop = verdict.stops && (verdict.status == .fired || verdict.status == .alreadyFired) ? ", stop" : ""
            let label = verdict.status == .fired ? "FIRED" : verdict.status.rawValue
            lines.append("\(index + 1). \(verdict.ruleID): \(label)\(stop)")
            if let trace = verdict.trace {
                let word = trace.holds ? "because" : "decided by"
                for test in trace.decidingTests {
                    lines.append("     \(word): \(test.testLine)")
                }
                lines.append(contentsOf: Self.tree(trace, depth: 0).map { "       " + $0 })
            } else if verdict.status == .fired {
                lines.append("     because: no condition (always fires)")
            }
            if verdict.status == .fired {
                for action in verdict.actions { lines.append("     did: \(action.summary)") }
            }
        }
        lines.append(contentsOf: summaryLines)
        return lines.joined(separator: "\n") + "\n"
    }

    private var summaryLines: [String] {
        let changes = outcome.changes
        var lines: [String] = []
        if let stopper = outcome.stoppedBy { lines.append("Stopped by \(stopper).") }
        lines.append("Fired: " + (outcome.firings.isEmpty ? "none" : outcome.firings.map(\.ruleID).joined(separator: ", ")))
        if let department = changes.department { lines.append("Department → \(department)") }
        if let priority = changes.priority { lines.append("Priority → \(priority.rawValue)") }
        if !changes.addedTags.isEmpty { lines.append("Tags added: " + changes.addedTags.joined(separator: ", ")) }
        if !changes.removedTags.isEmpty { lines.append("Tags removed: " + changes.removedTags.joined(separator: ", ")) }
        if let reason = changes.needsHumanReason { lines.append("Needs a human: \(reason)") }
        for escalation in outcome.escalations {
            lines.append("Escalate to \(escalation.team): \(escalation.reason) [\(escalation.ruleID)]")
        }
        for notification in outcome.notifications {
            lines.append("Notify \(notification.url) [\(notification.ruleID), key \(notification.idempotencyKey)]")
        }
        for write in outcome.writeBacks {
            lines.append("Write back to \(write.source):\(write.externalID): \(write.parts) [\(write.ruleID), key \(write.idempotencyKey)]")
        }
        return lines
    }

    /// The evaluated condition tree, one node a line: `✓ all`, `  ✗ text contains "refund" (was "…")`.
    private static func tree(_ trace: ConditionTrace, depth: Int) -> [String] {
        guard trace.kind != .test || depth > 0 else { return [] }
        let mark = trace.holds ? "yes" : "no "
        let indent = String(repeating: "  ", count: depth)
        let head = trace.kind == .test ? trace.testLine : trace.kind.rawValue
        return ["\(indent)\(mark) \(head)"] + trace.children.flatMap { tree($0, depth: depth + 1) }
    }
}
