import Foundation
import TriageModel

/// Enough of a ticket to name it in a digest. Subjects come from customers: renderers escape them.
public struct TicketReference: Codable, Sendable, Hashable {
    /// The id people look the ticket up by (`triage show ID`).
    public var id: String
    public var subject: String
    public var department: String?

    public init(id: String, subject: String, department: String? = nil) {
        self.id = id
        self.subject = subject
        self.department = department
    }
}

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

/// A ticket measured against an SLA target (breached, or at risk of it).
public struct SLAEntry: Codable, Sendable, Hashable {
    public var ticket: TicketReference
    /// What the target is, e.g. `first response 4h`.
    public var target: String
    /// When the target falls (or fell) due.
    public var dueAt: Date
    public var priority: Priority

    public init(ticket: TicketReference, target: String, dueAt: Date, priority: Priority) {
        self.ticket = ticket
        self.target = target
        self.dueAt = dueAt
        self.priority = priority
    }
}

/// A ticket triage wants a person to look at, and why.
public struct HumanReviewEntry: Codable, Sendable, Hashable {
    public var ticket: TicketReference
    public var reason: String

    public init(ticket: TicketReference, reason: String) {
        self.ticket = ticket
        self.reason = reason
    }
}

/// An urgent or negative ticket of the day, with triage's one-line summary.
public struct NotableTicket: Codable, Sendable, Hashable {
    public var ticket: TicketReference
    public var priority: Priority
    public var sentiment: Sentiment
    public var summary: String

    public init(ticket: TicketReference, priority: Priority, sentiment: Sentiment, summary: String) {
        self.ticket = ticket
        self.priority = priority
        self.sentiment = sentiment
        self.summary = summary
    }
}
