import GRDB

/// Schema step "v4-batch-journal": how many requests a batch was sent with.
///
/// A submission is journaled (a `batches` row with status `submitting` and a `pending-…` id) before the batch is
/// created; if the process dies before the API's id is recorded, recovery looks for the batch among the
/// workspace's recent batches by creation time and request count. The count is kept in its own column because
/// the entries of a journaled submission can shrink later (a deleted ticket cascades), while the batch the API
/// holds cannot.
enum BatchJournalSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            -- requests sent in the batch; NULL for batches recorded before this step
            ALTER TABLE batches ADD COLUMN request_count INTEGER CHECK (request_count IS NULL OR request_count > 0);
            CREATE INDEX batches_submitting ON batches(created_at) WHERE status = 'submitting';
            """)
    }
}
