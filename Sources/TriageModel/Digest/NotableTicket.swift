import Foundation

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
