import Foundation

/// What routing did to a ticket: the routed view (`triage list`, `triage show`).
///
/// Routing never overwrites the triage result or the human labels; its changes are kept beside them. Readers show
/// the override first.
public struct TicketRouting: Sendable, Hashable, Codable {
    /// The content hash rules last ran on.
    public var routedHash: String
    /// Whether that is the ticket's current content (`false`: new content arrived since and is not routed yet; the
    /// overrides below belong to the earlier version).
    public var current: Bool
    /// The department a rule set, when it differs from the triage answer.
    public var department: String?
    /// The priority a rule set (`urgent`, …), when it differs from the triage answer.
    public var priority: String?
    public var addedTags: [String]
    public var removedTags: [String]
    /// Set when a rule asked for a human (`needs_human`).
    public var needsHumanReason: String?
    /// Filled by ``TicketStore/routingDetail(ticketID:)`` only (`show`), oldest first.
    public var escalations: [EscalationEntry]?
    /// Filled by ``TicketStore/routingDetail(ticketID:)`` only (`show`), oldest first, every content version.
    public var firings: [FiringEntry]?

    /// Whether rules changed anything the ticket shows.
    public var changesSomething: Bool {
        department != nil || priority != nil || !addedTags.isEmpty || !removedTags.isEmpty || needsHumanReason != nil
    }

    /// An escalation a rule asked for.
    public struct EscalationEntry: Sendable, Hashable, Codable {
        public var ruleID: String
        public var team: String
        public var reason: String
        public var createdAt: Date
    }

    /// One rule firing: which rule, when, for which content version, and the teams it escalated to.
    public struct FiringEntry: Sendable, Hashable, Codable {
        public var ruleID: String
        public var firedAt: Date
        public var contentHash: String
        /// Whether the firing is for the ticket's current content.
        public var current: Bool
        public var teams: [String]
        /// The deciding tests with the values they saw.
        public var matched: [String]
    }
}
