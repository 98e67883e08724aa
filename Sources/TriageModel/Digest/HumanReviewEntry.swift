import Foundation

/// A ticket triage wants a person to look at, and why.
public struct HumanReviewEntry: Codable, Sendable, Hashable {
    public var ticket: TicketReference
    public var reason: String

    public init(ticket: TicketReference, reason: String) {
        self.ticket = ticket
        self.reason = reason
    }
}
