/// One routing rule: when its condition holds, its actions run, in order.
public struct Rule: Sendable {
    public var id: String
    public var description: String?
    /// Disabled rules are listed in explanations but never fire.
    public var enabled: Bool
    /// `nil` when the rule has no `when`: it fires for every ticket.
    public var condition: Condition?
    public var actions: [RuleAction]
    /// When the rule fires, no later rule is evaluated for the ticket.
    public var stop: Bool
    public var location: RuleLocation?

    public init(id: String, description: String? = nil, enabled: Bool = true, condition: Condition? = nil,
                actions: [RuleAction], stop: Bool = false, location: RuleLocation? = nil) {
        self.id = id
        self.description = description
        self.enabled = enabled
        self.condition = condition
        self.actions = actions
        self.stop = stop
        self.location = location
    }
}
