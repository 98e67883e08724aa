import Foundation

/// An escalation a routing rule fired during the day.
public struct EscalationEntry: Codable, Sendable, Hashable {
    public var ticket: TicketReference
    public var ruleID: String
    public var team: String
    public var reason: String

    public init(ticket: TicketReference, ruleID: String, team: String, reason: String) {
        self.ticket = ticket
        self.ruleID = ruleID
        self.team = team
        self.reason = reason
    }

    /// An entry from the rule engine's ``Escalation`` value.
    public init(ticket: TicketReference, escalation: Escalation) {
        self.init(ticket: ticket, ruleID: escalation.ruleID, team: escalation.team, reason: escalation.reason)
    }
}
