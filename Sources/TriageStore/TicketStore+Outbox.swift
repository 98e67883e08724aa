import Foundation
import GRDB

extension TicketStore {
    /// Undelivered outbox rows that are due at `now` (never tried, or their backoff has passed), oldest first.
    /// Rows delivery gave up on are not returned.
    public func dueOutbox(now: Date = Date(), limit: Int = 100) throws -> [OutboxItem] {
        try read("reading the outbox") { db in
            try Row.fetchAll(db, sql: """
                SELECT id, target, body, idempotency_key, attempts, created_at FROM outbox
                WHERE delivered_at IS NULL AND failed_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                ORDER BY id LIMIT ?
                """, arguments: [SQLDate.string(now), limit]).map { row in
                OutboxItem(id: row["id"], target: row["target"], body: row["body"], idempotencyKey: row["idempotency_key"],
                           attempts: row["attempts"], createdAt: SQLDate.date(row["created_at"]) ?? .distantPast)
            }
        }
    }

    /// Records a successful delivery (counts the attempt).
    public func markDelivered(outboxID: Int64, at date: Date = Date()) throws {
        try write("marking outbox row \(outboxID) delivered") { db in
            try db.execute(sql: """
                UPDATE outbox SET attempts = attempts + 1, delivered_at = ?, last_error = NULL, next_attempt_at = NULL
                WHERE id = ?
                """, arguments: [SQLDate.string(date), outboxID])
        }
    }

    /// Records a failed attempt: `retryAt` is when to try again, or `nil` to give up (the row is kept, marked failed).
    public func recordFailedDelivery(outboxID: Int64, error: String, retryAt: Date?, at date: Date = Date()) throws {
        try write("recording a failed delivery of outbox row \(outboxID)") { db in
            try db.execute(sql: """
                UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, failed_at = ? WHERE id = ?
                """, arguments: [error, retryAt.map(SQLDate.string), retryAt == nil ? SQLDate.string(date) : nil, outboxID])
        }
    }

    /// How many outbox rows wait, were delivered, or were given up on.
    public func outboxCounts() throws -> OutboxCounts {
        try read("counting the outbox") { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT coalesce(sum(delivered_at IS NULL AND failed_at IS NULL), 0) AS pending,
                       coalesce(sum(delivered_at IS NOT NULL), 0) AS delivered,
                       coalesce(sum(failed_at IS NOT NULL), 0) AS failed FROM outbox
                """)!
            return OutboxCounts(pending: row["pending"], delivered: row["delivered"], failed: row["failed"])
        }
    }
}
