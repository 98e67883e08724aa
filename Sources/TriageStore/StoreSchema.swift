import GRDB

/// The store's versioned migrations. Each step is append-only: never edit a released step, add one.
///
/// Constraints live in the schema (unique keys, foreign keys, checks) so that no code path can store
/// what the model forbids.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial", migrate: createInitialSchema)
        migrator.registerMigration("v2-digest-indexes", migrate: createDigestIndexes)
        migrator.registerMigration("v2-routing", migrate: RoutingSchema.migrate)
        migrator.registerMigration("v3-search-external-content", migrate: SearchSchema.migrate)
        migrator.registerMigration("v3-routed-facts", migrate: RoutedFactsSchema.migrate)
        migrator.registerMigration("v4-batch-journal", migrate: BatchJournalSchema.migrate)
        migrator.registerMigration("v5-search-hashsize", migrate: SearchSchema.raisePendingIndexSize)
        migrator.registerMigration("v5-sync-cursors", migrate: SyncCursorSchema.migrate)
        migrator.registerMigration("v6-public-message-facts", migrate: MessageFactsSchema.migrate)
        migrator.registerMigration("v7-outbox-helpdesk", migrate: OutboxKindSchema.migrate)
        return migrator
    }

    private static func createInitialSchema(_ db: Database) throws {
        // MARK: Import
        try db.execute(sql: """
            CREATE TABLE import_runs (
                id INTEGER PRIMARY KEY,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                file TEXT NOT NULL,
                format TEXT NOT NULL,
                source TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'completed', 'completed_with_errors', 'failed', 'interrupted')),
                new_count INTEGER NOT NULL DEFAULT 0 CHECK (new_count >= 0),
                updated_count INTEGER NOT NULL DEFAULT 0 CHECK (updated_count >= 0),
                unchanged_count INTEGER NOT NULL DEFAULT 0 CHECK (unchanged_count >= 0),
                failed_count INTEGER NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
                duration_ms INTEGER,
                error TEXT
            );
            CREATE TABLE import_diagnostics (
                id INTEGER PRIMARY KEY,
                run_id INTEGER NOT NULL REFERENCES import_runs(id) ON DELETE CASCADE,
                severity TEXT NOT NULL CHECK (severity IN ('warning', 'error')),
                file TEXT NOT NULL,
                record INTEGER,
                line INTEGER,
                column INTEGER,
                field TEXT,
                message TEXT NOT NULL
            );
            CREATE INDEX import_diagnostics_run ON import_diagnostics(run_id);
            """)

        // MARK: Tickets and messages
        try db.execute(sql: """
            CREATE TABLE tickets (
                id INTEGER PRIMARY KEY,
                source TEXT NOT NULL CHECK (source <> ''),
                external_id TEXT NOT NULL CHECK (external_id <> ''),
                subject TEXT NOT NULL,
                status TEXT,
                channel TEXT,
                requester_name TEXT,
                requester_email TEXT,
                organization TEXT,
                assignee_email TEXT,
                tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
                custom_fields TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(custom_fields)),
                label_department TEXT,
                label_priority TEXT,
                created_at TEXT,
                updated_at TEXT,
                imported_at TEXT NOT NULL,
                import_run_id INTEGER REFERENCES import_runs(id) ON DELETE SET NULL,
                -- digest of the whole imported record: equal means nothing to do on re-import
                record_hash TEXT NOT NULL,
                -- digest of the customer-visible text: triage runs again when it changes
                content_hash TEXT NOT NULL,
                -- content_hash of the version the current triage result is for (NULL: never triaged)
                triaged_hash TEXT,
                thread_key TEXT,
                message_count INTEGER NOT NULL DEFAULT 0 CHECK (message_count >= 0),
                last_customer_message_at TEXT,
                first_agent_reply_at TEXT,
                last_agent_reply_at TEXT,
                UNIQUE (source, external_id)
            );
            CREATE INDEX tickets_created ON tickets(created_at);
            CREATE INDEX tickets_pending ON tickets(id) WHERE triaged_hash IS NULL OR triaged_hash <> content_hash;
            CREATE INDEX tickets_thread ON tickets(source, thread_key) WHERE thread_key IS NOT NULL;

            CREATE TABLE messages (
                id INTEGER PRIMARY KEY,
                ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                external_id TEXT NOT NULL,
                position INTEGER NOT NULL,
                author_name TEXT,
                author_email TEXT,
                role TEXT NOT NULL CHECK (role IN ('customer', 'agent', 'system')),
                is_public INTEGER NOT NULL CHECK (is_public IN (0, 1)),
                sent_at TEXT,
                body_text TEXT NOT NULL,
                body_html TEXT,
                trimmed_text TEXT,
                UNIQUE (ticket_id, external_id)
            );

            -- Message ids of threaded sources (mail), so a reply finds the ticket it belongs to.
            CREATE TABLE thread_refs (
                source TEXT NOT NULL,
                message_ref TEXT NOT NULL,
                ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                PRIMARY KEY (source, message_ref)
            ) WITHOUT ROWID;

            CREATE TABLE attachments (
                id INTEGER PRIMARY KEY,
                message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                filename TEXT,
                content_type TEXT,
                size INTEGER CHECK (size IS NULL OR size >= 0),
                content_hash TEXT,
                data BLOB
            );
            CREATE INDEX attachments_message ON attachments(message_id);

            CREATE VIRTUAL TABLE ticket_search USING fts5(
                subject, body, tokenize = 'unicode61 remove_diacritics 2'
            );
            """)

        // MARK: Triage
        try db.execute(sql: """
            CREATE TABLE triage_runs (
                id INTEGER PRIMARY KEY,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                backend TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'completed', 'budget_exhausted', 'failed', 'interrupted')),
                budget_usd REAL CHECK (budget_usd IS NULL OR budget_usd >= 0),
                spent_usd REAL NOT NULL DEFAULT 0,
                triaged_count INTEGER NOT NULL DEFAULT 0,
                failed_count INTEGER NOT NULL DEFAULT 0
            );
            CREATE TABLE triage_results (
                id INTEGER PRIMARY KEY,
                ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                content_hash TEXT NOT NULL,
                run_id INTEGER REFERENCES triage_runs(id) ON DELETE SET NULL,
                department TEXT NOT NULL,
                priority TEXT NOT NULL CHECK (priority IN ('urgent', 'high', 'normal', 'low')),
                sentiment TEXT NOT NULL CHECK (sentiment IN ('negative', 'neutral', 'positive')),
                language TEXT NOT NULL,
                confidence REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
                summary TEXT NOT NULL,
                needs_human INTEGER NOT NULL CHECK (needs_human IN (0, 1)),
                needs_human_reason TEXT,
                backend TEXT NOT NULL,
                model TEXT NOT NULL,
                prompt_version TEXT NOT NULL,
                created_at TEXT NOT NULL,
                -- exactly one result per content version of a ticket
                UNIQUE (ticket_id, content_hash)
            );
            CREATE INDEX triage_results_created ON triage_results(created_at);

            CREATE TABLE llm_calls (
                id INTEGER PRIMARY KEY,
                ticket_id INTEGER REFERENCES tickets(id) ON DELETE SET NULL,
                run_id INTEGER REFERENCES triage_runs(id) ON DELETE SET NULL,
                purpose TEXT NOT NULL,
                model TEXT NOT NULL,
                input_tokens INTEGER NOT NULL CHECK (input_tokens >= 0),
                output_tokens INTEGER NOT NULL CHECK (output_tokens >= 0),
                cache_read_tokens INTEGER NOT NULL DEFAULT 0 CHECK (cache_read_tokens >= 0),
                cache_write_tokens INTEGER NOT NULL DEFAULT 0 CHECK (cache_write_tokens >= 0),
                cache_write_1h_tokens INTEGER NOT NULL DEFAULT 0 CHECK (cache_write_1h_tokens >= 0),
                is_batch INTEGER NOT NULL DEFAULT 0 CHECK (is_batch IN (0, 1)),
                cost_usd REAL CHECK (cost_usd IS NULL OR cost_usd >= 0),
                latency_ms INTEGER NOT NULL DEFAULT 0,
                request_id TEXT,
                started_at TEXT NOT NULL,
                outcome TEXT NOT NULL CHECK (outcome IN ('succeeded', 'invalid_answer', 'failed')),
                error TEXT
            );
            CREATE INDEX llm_calls_started ON llm_calls(started_at);

            -- A lease keeps two concurrent runs off the same ticket; expired leases are taken over.
            CREATE TABLE triage_leases (
                ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
                owner TEXT NOT NULL,
                expires_at TEXT NOT NULL
            );

            -- Message Batches submitted and not yet collected survive a restart.
            CREATE TABLE batches (
                id TEXT PRIMARY KEY,
                run_id INTEGER REFERENCES triage_runs(id) ON DELETE SET NULL,
                model TEXT NOT NULL,
                created_at TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'in_progress',
                collected_at TEXT
            );
            CREATE TABLE batch_items (
                batch_id TEXT NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
                custom_id TEXT NOT NULL,
                ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                content_hash TEXT NOT NULL,
                PRIMARY KEY (batch_id, custom_id)
            );
            """)

        // MARK: Routing and delivery
        try db.execute(sql: """
            CREATE TABLE rule_firings (
                id INTEGER PRIMARY KEY,
                ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                rule_id TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                fired_at TEXT NOT NULL,
                matched TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(matched)),
                actions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(actions)),
                -- a rule fires at most once per ticket content version
                UNIQUE (ticket_id, rule_id, content_hash)
            );
            CREATE TABLE escalations (
                id INTEGER PRIMARY KEY,
                firing_id INTEGER NOT NULL REFERENCES rule_firings(id) ON DELETE CASCADE,
                ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                team TEXT NOT NULL,
                reason TEXT NOT NULL,
                created_at TEXT NOT NULL
            );
            CREATE INDEX escalations_created ON escalations(created_at);

            -- Written in the same transaction as the firing; delivered afterwards; never lost, never repeated.
            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY,
                firing_id INTEGER REFERENCES rule_firings(id) ON DELETE SET NULL,
                kind TEXT NOT NULL CHECK (kind IN ('webhook', 'email')),
                target TEXT NOT NULL,
                body TEXT NOT NULL,
                idempotency_key TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                next_attempt_at TEXT,
                last_error TEXT,
                delivered_at TEXT
            );
            CREATE INDEX outbox_undelivered ON outbox(id) WHERE delivered_at IS NULL;

            CREATE TABLE digests (
                id INTEGER PRIMARY KEY,
                day TEXT NOT NULL,
                time_zone TEXT NOT NULL,
                channel TEXT NOT NULL,
                sent_at TEXT NOT NULL,
                detail TEXT,
                UNIQUE (day, time_zone, channel)
            );
            """)
    }

    /// Indexes the daily digest needs to stay fast on a million tickets: open tickets by age, closed tickets by
    /// their last update, the day's results without reading their rows. The WHERE terms must match `TicketStore.openPredicate`
    /// and `closedPredicate` exactly, or SQLite will not use the partial indexes.
    private static func createDigestIndexes(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX tickets_open_created ON tickets(created_at)
                WHERE (status IS NULL OR lower(status) NOT IN ('solved', 'closed', 'resolved'));
            CREATE INDEX tickets_closed_updated ON tickets(updated_at)
                WHERE lower(status) IN ('solved', 'closed', 'resolved');
            CREATE INDEX import_runs_started ON import_runs(started_at);
            -- covers the day's triage figures (per backend, low confidence, distinct tickets, needs-human filter)
            CREATE INDEX triage_results_digest ON triage_results(created_at, backend, confidence, needs_human, ticket_id);
            """)
    }
}
