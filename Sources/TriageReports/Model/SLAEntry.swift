import Foundation
import TriageModel

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
