import Foundation
import GRDB

extension TicketStore {
    /// Undelivered outbox rows that are due at `now` (never tried, or their backoff has passed), oldest first.
    /// Rows delivery gave up on are not returned.
    public func dueOutbox(now: Date = Date(), limit: Int = 100) throws -> [OutboxItem] {
        try read("reading the outbox") { db in
            try Row.fetchAll(db, sql: """
                SELECT id, kind, target, body, idempotency_key, attempts, created_at FROM outbox
                WHERE delivered_at IS NULL AND failed_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                ORDER BY id LIMIT ?
                """, arguments: [SQLDate.string(now), limit]).map { row in
                OutboxItem(id: row["id"], kind: row["kind"], target: row["target"], body: row["body"], idempotencyKey: row["idempotency_key"],
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

// MARK: - Inspection and manual retry (`triage outbox`)

extension TicketStore {
    /// Outbox rows in the given states, oldest first (no bodies), with the rule and ticket behind each.
    public func outboxEntries(states: Set<OutboxEntry.State>, limit: Int? = nil) throws -> [OutboxEntry] {
        let conditions = states.sorted(by: { $0.rawValue < $1.rawValue }).map(\.sqlCondition)
        guard !conditions.isEmpty else { return [] }
        return try read("listing the outbox") { db in
            try Row.fetchAll(db, sql: """
                \(Self.outboxEntrySelect) WHERE \(conditions.joined(separator: " OR ")) ORDER BY o.id LIMIT ?
                """, arguments: [limit ?? -1]).map(Self.outboxEntry(from:))
        }
    }

    /// The outbox rows with these ids (unknown ids are left out), by id.
    public func outboxEntries(ids: [Int64]) throws -> [OutboxEntry] {
        guard !ids.isEmpty else { return [] }
        return try read("reading outbox rows") { db in
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            return try Row.fetchAll(db, sql: "\(Self.outboxEntrySelect) WHERE o.id IN (\(marks)) ORDER BY o.id",
                                    arguments: StatementArguments(ids)).map(Self.outboxEntry(from:))
        }
    }

    /// Makes undelivered rows due again: clears `failed_at` (a given-up row is delivered again) and
    /// `next_attempt_at` (a row backing off is due now). Attempts made so far stay counted. Delivered and unknown
    /// ids are left alone. Returns the ids made due, in ONE transaction.
    @discardableResult
    public func retryOutbox(ids: [Int64]) throws -> [Int64] {
        try write("retrying outbox rows") { db in
            let statement = try db.makeStatement(sql: """
                UPDATE outbox SET failed_at = NULL, next_attempt_at = NULL WHERE id = ? AND delivered_at IS NULL
                """)
            var retried: [Int64] = []
            for id in Set(ids).sorted() {
                try statement.execute(arguments: [id])
                if db.changesCount == 1 { retried.append(id) }
            }
            return retried
        }
    }

    /// ``retryOutbox(ids:)`` for every row delivery gave up on.
    @discardableResult
    public func retryFailedOutbox() throws -> [Int64] {
        try write("retrying failed outbox rows") { db in
            let ids = try Int64.fetchAll(db, sql: """
                SELECT id FROM outbox WHERE failed_at IS NOT NULL AND delivered_at IS NULL ORDER BY id
                """)
            try db.execute(sql: """
                UPDATE outbox SET failed_at = NULL, next_attempt_at = NULL
                WHERE failed_at IS NOT NULL AND delivered_at IS NULL
                """)
            return ids
        }
    }

    static let outboxEntrySelect = """
        SELECT o.id, o.kind, o.target, o.created_at, o.attempts, o.last_error, o.next_attempt_at, o.delivered_at,
            o.failed_at, f.rule_id, t.source, t.external_id
        FROM outbox o LEFT JOIN rule_firings f ON f.id = o.firing_id LEFT JOIN tickets t ON t.id = f.ticket_id
        """

    static func outboxEntry(from row: Row) -> OutboxEntry {
        func date(_ column: String) -> Date? { (row[column] as String?).flatMap(SQLDate.date) }
        let source: String? = row["source"], externalID: String? = row["external_id"]
        return OutboxEntry(
            id: row["id"], kind: row["kind"], target: row["target"], ruleID: row["rule_id"],
            ticket: source.flatMap { s in externalID.map { "\(s):\($0)" } }, createdAt: date("created_at") ?? .distantPast,
            attempts: row["attempts"], lastError: row["last_error"], nextAttemptAt: date("next_attempt_at"),
            deliveredAt: date("delivered_at"), failedAt: date("failed_at"))
    }
}
