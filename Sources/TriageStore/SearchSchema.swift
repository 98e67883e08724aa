import GRDB

/// Schema step "v3-search-external-content": the full-text index no longer keeps its own copy of the text.
///
/// `ticket_search` was an FTS5 table with content, so every ticket's text was stored twice (in `messages` and in
/// the index's content table): a third of the bytes an import writes. It is now an external-content FTS5 table
/// over the view `ticket_search_text` (subject plus the messages in order, joined by a blank line — exactly what
/// the importer indexes), so `snippet()` reads the text from the tickets and messages themselves.
///
/// The rule that keeps the index right: a row's old values must be removed (`'delete'`) *before* the text they
/// came from changes; `TicketUpsert` does this. The step rebuilds the index from the stored text.
///
/// FTS5 merges its index segments as it goes; merging when 16 segments of a size exist instead of 4 (`automerge`)
/// cut the index's share of import time by about a tenth (measured: 45.9 → 40.5 µs per ticket for the raw inserts
/// of the import benchmark) for a few more segments to read per search term.
enum SearchSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            DROP TABLE ticket_search;
            CREATE VIEW ticket_search_text AS
                SELECT t.id AS ticket_id, t.subject AS subject,
                    (SELECT group_concat(body_text, char(10) || char(10))
                     FROM (SELECT body_text FROM messages m WHERE m.ticket_id = t.id ORDER BY m.position)) AS body
                FROM tickets t;
            CREATE VIRTUAL TABLE ticket_search USING fts5(
                subject, body, content = 'ticket_search_text', content_rowid = 'ticket_id',
                tokenize = 'unicode61 remove_diacritics 2'
            );
            INSERT INTO ticket_search (ticket_search, rank) VALUES ('automerge', 16);
            INSERT INTO ticket_search (ticket_search) VALUES ('rebuild');
            """)
    }

    /// Bytes of pending index data FTS5 keeps in memory before writing a segment (SQLite's default: 1 MiB).
    ///
    /// An import transaction of 5,000 multi-comment tickets holds ≈ 3 MiB of pending postings: with the default
    /// the index wrote several small segments per transaction and merged them again; with room for the whole
    /// transaction it writes one (the C baseline inserting 20,000 realistic tickets in one transaction ran 12 %
    /// fewer instructions with a 64 MiB hashsize; 8 MiB itself was not measured apart from the other import
    /// changes). The memory is bounded by this value, whatever the file size.
    static let pendingIndexBytes = 8 << 20

    /// Schema step "v5-search-hashsize": FTS5's `hashsize` (kept in `ticket_search_config`) to `pendingIndexBytes`.
    static func raisePendingIndexSize(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO ticket_search (ticket_search, rank) VALUES ('hashsize', ?)", arguments: [pendingIndexBytes])
    }
}
