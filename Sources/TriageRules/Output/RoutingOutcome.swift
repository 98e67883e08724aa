import TriageModel

/// What routing decided for one ticket.
public struct RoutingOutcome: Sendable, Hashable, Codable {
    /// Rules that fired, in order.
    public var firings: [RuleFiring]
    /// The net changes to the ticket after every firing.
    public var changes: RoutingChanges
    public var escalations: [Escalation]
    public var notifications: [WebhookNotification]
    /// Writes into help desk tickets (`write_back` actions), in firing order.
    public var writeBacks: [HelpdeskWrite] = []
    /// The rule whose `stop` ended evaluation, if any.
    public var stoppedBy: String?

    public init(firings: [RuleFiring] = [], changes: RoutingChanges = RoutingChanges(), escalations: [Escalation] = [],
                notifications: [WebhookNotification] = [], stoppedBy: String? = nil) {
        self.firings = firings
        self.changes = changes
        self.escalations = escalations
        self.notifications = notifications
        self.stoppedBy = stoppedBy
    }
}

/// One rule firing for one content version of a ticket.
public struct RuleFiring: Sendable, Hashable, Codable {
    public var ruleID: String
    public var actions: [RuleAction]
    /// The conditions that made the rule fire, with the values they saw (`triage.priority is urgent (was urgent)`).
    public var matchedConditions: [String]
    /// Stable for (rule, ticket, content version): store it to fire a rule at most once per version.
    public var key: String

    public init(ruleID: String, actions: [RuleAction], matchedConditions: [String], key: String) {
        self.ruleID = ruleID
        self.actions = actions
        self.matchedConditions = matchedConditions
        self.key = key
    }
}

/// Net changes routing made; `nil` / empty where nothing changed.
public struct RoutingChanges: Sendable, Hashable, Codable {
    public var department: String?
    public var priority: Priority?
    public var addedTags: [String]
    public var removedTags: [String]
    /// Set when a rule flagged the ticket for a person.
    public var needsHumanReason: String?

    public init(department: String? = nil, priority: Priority? = nil, addedTags: [String] = [],
                removedTags: [String] = [], needsHumanReason: String? = nil) {
        self.department = department
        self.priority = priority
        self.addedTags = addedTags
        self.removedTags = removedTags
        self.needsHumanReason = needsHumanReason
    }

    public var isEmpty: Bool {
        department == nil && priority == nil && addedTags.isEmpty && removedTags.isEmpty && needsHumanReason == nil
    }
}

/// A webhook post to deliver (through the outbox).
public struct WebhookNotification: Sendable, Hashable, Codable {
    public var ruleID: String
    public var url: String
    /// The rendered JSON body.
    public var body: String
    /// Stable for (rule, ticket, content version, action): send it as a header so receivers can drop repeats.
    public var idempotencyKey: String

    public init(ruleID: String, url: String, body: String, idempotencyKey: String) {
        self.ruleID = ruleID
        self.url = url
        self.body = body
        self.idempotencyKey = idempotencyKey
    }
}
