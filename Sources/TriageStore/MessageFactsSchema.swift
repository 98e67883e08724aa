import GRDB

/// Schema step "v6-public-message-facts": stores written before ``TicketMessageFacts`` owned the rule counted
/// internal notes by customer-role authors as customer messages and left `created_at` empty when the export had
/// none. This step recomputes both from the stored messages, so old and new rows follow one rule.
enum MessageFactsSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            UPDATE tickets SET \(MessageFactsSQL.timeAssignments(ticketID: "tickets.id"));
            UPDATE tickets SET created_at = (SELECT min(sent_at) FROM messages WHERE ticket_id = tickets.id)
                WHERE created_at IS NULL;
            """)
    }
}
