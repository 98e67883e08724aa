/// What happened to one rule for one ticket (explanations list one per rule).
public struct RuleVerdict: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case fired
        /// The condition does not hold.
        case notMatched = "not matched"
        /// `enabled: false`.
        case disabled
        /// The condition holds but the rule already fired for this content version: changes re-applied, nothing sent.
        case alreadyFired = "already fired"
        /// An earlier rule stopped evaluation.
        case notEvaluated = "not evaluated"
    }

    public var ruleID: String
    public var description: String?
    public var status: Status
    /// `nil` for rules without a condition and for rules never evaluated.
    public var trace: ConditionTrace?
    public var actions: [RuleAction]
    public var stops: Bool

    public init(ruleID: String, description: String?, status: Status, trace: ConditionTrace?, actions: [RuleAction],
                stops: Bool) {
        self.ruleID = ruleID
        self.description = description
        self.status = status
        self.trace = trace
        self.actions = actions
        self.stops = stops
    }
}
