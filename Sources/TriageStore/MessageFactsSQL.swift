import Foundation
import TriageModel

/// ``TicketMessageFacts``'s rule in SQL, for the columns and queries that derive message facts inside SQLite
/// (refreshing a ticket after messages were appended, routing's `text`). Tests check both give the same values.
enum MessageFactsSQL {
    /// The messages that count for customer text and reply times (`TicketMessageFacts.counts(isPublic:)`).
    static let counted = "is_public = 1"

    /// `TicketMessageFacts.textSeparator` as an SQL string literal.
    static let separator = "'" + TicketMessageFacts.textSeparator.replacingOccurrences(of: "'", with: "''") + "'"

    /// The ticket's customer text (`TicketMessageFacts.text`) for the ticket whose id is `ticketID` (an SQL
    /// expression): counted customer messages' classifiable text in message order.
    static func customerText(ticketID: String) -> String {
        """
        (SELECT group_concat(coalesce(m.trimmed_text, m.body_text), \(separator)) FROM
            (SELECT trimmed_text, body_text FROM messages WHERE ticket_id = \(ticketID) AND role = 'customer' AND \(counted)
             ORDER BY position) m)
        """
    }

    /// The assignments of the derived time columns for the ticket whose id is `ticketID`.
    static func timeAssignments(ticketID: String) -> String {
        """
        last_customer_message_at = (SELECT max(sent_at) FROM messages WHERE ticket_id = \(ticketID) AND role = 'customer' AND \(counted)),
        first_agent_reply_at = (SELECT min(sent_at) FROM messages WHERE ticket_id = \(ticketID) AND role = 'agent' AND \(counted)),
        last_agent_reply_at = (SELECT max(sent_at) FROM messages WHERE ticket_id = \(ticketID) AND role = 'agent' AND \(counted))
        """
    }
}
