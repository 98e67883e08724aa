/// Applies a rule set to tickets: a pure function of the rules and the subject.
///
/// Semantics:
/// - Rules run in file order. Every enabled rule whose condition holds fires; a firing rule with `stop: true`
///   ends evaluation for the ticket.
/// - Actions run in order and change what later conditions see: after `set_priority: urgent`, a later
///   `triage.priority is urgent` holds, `sla.*` fields use the new priority's targets, and `tags` includes
///   added tags. Earlier rules are not re-evaluated.
/// - A rule listed in `alreadyFired` (it fired for this content version before) whose condition still holds does
///   not fire again: no firing, escalation or notification. Its changes to the ticket (department, priority, tags,
///   needs-human) are re-applied, so later rules see the same state as on the first run, and its `stop` still stops.
///
/// ```swift
/// let rules = try RuleSet.parse(yaml: text, file: "rules.yml")
/// let outcome = RuleEngine(rules: rules).evaluate(subject)
/// ```
public struct RuleEngine: Sendable {
    public let rules: RuleSet
    /// The rules as shared references: the per-ticket loop retains one pointer per rule instead of copying fields.
    private let entries: [Entry]

    private final class Entry: Sendable {
        let rule: Rule
        /// The rule's scalars, read per ticket without copying the whole `Rule` (its strings and arrays).
        let id: String
        let enabled: Bool
        let stop: Bool
        let condition: Condition?
        /// `rule.condition` with cheap tests first, for the untraced bulk path (same truth value).
        let fastCondition: Condition?
        init(_ rule: Rule) {
            self.rule = rule
            id = rule.id
            enabled = rule.enabled
            stop = rule.stop
            condition = rule.condition
            fastCondition = rule.condition?.cheapestFirst
        }
    }

    public init(rules: RuleSet) {
        self.rules = rules
        self.entries = rules.rules.map(Entry.init)
    }

    /// Routes one ticket. Only firing rules are traced, so this is the path for bulk routing.
    public func evaluate(_ subject: RuleSubject, alreadyFired: Set<String> = []) -> RoutingOutcome {
        var verdicts: [RuleVerdict]?
        return run(subject, alreadyFired: alreadyFired, verdicts: &verdicts)
    }

    /// Routes one ticket and records a verdict for every rule (for `explain` and dry runs).
    public func explain(_ subject: RuleSubject, alreadyFired: Set<String> = []) -> RuleExplanation {
        var verdicts: [RuleVerdict]? = []
        let outcome = run(subject, alreadyFired: alreadyFired, verdicts: &verdicts)
        return RuleExplanation(subject: subject, verdicts: verdicts ?? [], outcome: outcome)
    }

    private func run(_ subject: RuleSubject, alreadyFired: Set<String>,
                     verdicts: inout [RuleVerdict]?) -> RoutingOutcome {
        var context = RuleContext(subject: subject, sla: rules.sla)
        var outcome = RoutingOutcome()
        for entry in entries {
            if outcome.stoppedBy != nil {
                verdicts?.append(verdict(entry.rule, .notEvaluated, trace: nil))
                continue
            }
            guard entry.enabled else {
                verdicts?.append(verdict(entry.rule, .disabled, trace: nil))
                continue
            }
            var trace: ConditionTrace?
            let holds: Bool
            if let condition = entry.condition {
                if verdicts != nil {
                    let traced = context.trace(condition)
                    trace = traced
                    holds = traced.holds
                } else {
                    holds = context.holds(entry.fastCondition ?? condition)
                }
            } else {
                holds = true
            }
            guard holds else {
                verdicts?.append(verdict(entry.rule, .notMatched, trace: trace))
                continue
            }
            let rule = entry.rule
            if alreadyFired.contains(rule.id) {
                context.perform(rule, firingKey: nil, into: &outcome)
                verdicts?.append(verdict(rule, .alreadyFired, trace: trace))
            } else {
                if trace == nil, let condition = rule.condition { trace = context.trace(condition) }
                let matched = trace?.decidingTests.map(\.testLine) ?? []
                let key = RoutingKeys.firing(rule: rule.id, subject: subject)
                outcome.firings.append(RuleFiring(ruleID: rule.id, actions: rule.actions, matchedConditions: matched,
                                                  key: key))
                context.perform(rule, firingKey: key, matched: matched, into: &outcome)
                verdicts?.append(verdict(rule, .fired, trace: trace))
            }
            if rule.stop { outcome.stoppedBy = rule.id }
        }
        outcome.changes = context.changes
        return outcome
    }

    private func verdict(_ rule: Rule, _ status: RuleVerdict.Status, trace: ConditionTrace?) -> RuleVerdict {
        RuleVerdict(ruleID: rule.id, description: rule.description, status: status, trace: trace,
                    actions: rule.actions, stops: rule.stop)
    }
}
