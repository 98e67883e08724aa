import Foundation
import GRDB

/// One triaged ticket of a day, as the digest's written summary reads it.
public struct DayTicketSummary: Sendable, Hashable {
    public var department: String
    public var priority: String
    public var sentiment: String
    public var summary: String

    public init(department: String, priority: String, sentiment: String, summary: String) {
        self.department = department
        self.priority = priority
        self.sentiment = sentiment
        self.summary = summary
    }
}

extension TicketStore {
    /// The current triage summaries of tickets created in `[start, end)`, most urgent first, at most `limit`.
    public func ticketSummaries(createdFrom start: Date, to end: Date, limit: Int) throws -> [DayTicketSummary] {
        try read("reading the day's ticket summaries") { db in
            try Row.fetchAll(db, sql: """
                SELECT r.department, r.priority, r.sentiment, r.summary FROM tickets t
                JOIN triage_results r ON r.ticket_id = t.id AND r.content_hash = t.content_hash
                WHERE t.created_at >= ? AND t.created_at < ?
                ORDER BY CASE r.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, t.id
                LIMIT ?
                """, arguments: [SQLDate.string(start), SQLDate.string(end), limit]).map {
                DayTicketSummary(department: $0["department"], priority: $0["priority"], sentiment: $0["sentiment"],
                                 summary: $0["summary"])
            }
        }
    }
}
