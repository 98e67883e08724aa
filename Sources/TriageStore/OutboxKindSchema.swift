import GRDB

/// Schema step "v7-outbox-helpdesk": the outbox accepts a third delivery kind, `helpdesk` (a rule's write into
/// the ticket in its help desk; target `VENDOR:TICKET`, body the write as JSON).
///
/// SQLite cannot change a CHECK constraint in place, so the table is rebuilt with its rows, ids and indexes.
enum OutboxKindSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE outbox_v6 (
                id INTEGER PRIMARY KEY,
                firing_id INTEGER REFERENCES rule_firings(id) ON DELETE SET NULL,
                kind TEXT NOT NULL CHECK (kind IN ('webhook', 'email', 'helpdesk')),
                target TEXT NOT NULL,
                body TEXT NOT NULL,
                idempotency_key TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                next_attempt_at TEXT,
                last_error TEXT,
                delivered_at TEXT,
                failed_at TEXT
            );
            INSERT INTO outbox_v6 (id, firing_id, kind, target, body, idempotency_key, created_at, attempts,
                                   next_attempt_at, last_error, delivered_at, failed_at)
                SELECT id, firing_id, kind, target, body, idempotency_key, created_at, attempts,
                       next_attempt_at, last_error, delivered_at, failed_at FROM outbox;
            DROP TABLE outbox;
            ALTER TABLE outbox_v6 RENAME TO outbox;
            CREATE INDEX outbox_undelivered ON outbox(id) WHERE delivered_at IS NULL;
            CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL;
            """)
    }
}
