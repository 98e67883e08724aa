import GRDB

/// Schema step "v5-sync-cursors": where each help desk's incremental pull stopped.
///
/// A row is written in the same transaction as the tickets of the page it follows, so the cursor is never ahead
/// of what is committed: a sync killed at any point resumes at the first page not stored.
enum SyncCursorSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sync_cursors (
                -- the vendor and the account's host, e.g. 'zendesk acme.zendesk.com'
                key TEXT PRIMARY KEY CHECK (key <> ''),
                -- the vendor client's own position token (Zendesk after_cursor, a high-water mark, …)
                position TEXT NOT NULL CHECK (position <> ''),
                updated_at TEXT NOT NULL,
                pages INTEGER NOT NULL DEFAULT 0 CHECK (pages >= 0),
                tickets INTEGER NOT NULL DEFAULT 0 CHECK (tickets >= 0)
            ) WITHOUT ROWID;
            """)
    }
}
