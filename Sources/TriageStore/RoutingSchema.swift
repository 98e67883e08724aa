import GRDB

/// Schema step "v2-routing": which content version rules last ran on, what routing changed, and outbox give-ups.
///
/// Routing changes live in their own JSON column so that neither the triage result nor the human labels are
/// overwritten: readers show `coalesce(override, triage)`.
enum RoutingSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            -- content_hash of the version rules last ran on (NULL: never routed)
            ALTER TABLE tickets ADD COLUMN routed_hash TEXT;
            -- net routing changes for the routed version: {"department", "priority", "added_tags", "removed_tags",
            -- "needs_human_reason"}; NULL when routing changed nothing
            ALTER TABLE tickets ADD COLUMN routing_overrides TEXT CHECK (routing_overrides IS NULL OR json_valid(routing_overrides));
            CREATE INDEX tickets_unrouted ON tickets(id) WHERE routed_hash IS NULL OR routed_hash <> content_hash;
            -- set when delivery gave up (a 4xx answer, or too many attempts); the row is kept for inspection
            ALTER TABLE outbox ADD COLUMN failed_at TEXT;
            CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL;
            """)
    }
}
