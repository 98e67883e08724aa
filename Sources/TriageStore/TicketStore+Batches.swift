import Foundation
import GRDB
import TriageModel

/// A Message Batch submitted for triage and not yet (or already) collected.
public struct StoredBatch: Sendable, Hashable {
    public var id: String
    public var runID: Int64?
    public var model: String
    public var createdAt: Date
    public var status: String
    public var collectedAt: Date?
}

/// A batch as `triage batches` lists it.
public struct BatchOverview: Sendable, Hashable {
    public var batch: StoredBatch
    /// Requests sent in the batch.
    public var requests: Int
    /// Entries whose result is not stored yet (0 once collected).
    public var waiting: Int
    /// What the batch's run has cost so far (its collected calls).
    public var costUSD: Double
}

/// One ticket's entry in a submitted batch: which content version its `custom_id` stands for.
public struct StoredBatchItem: Sendable, Hashable {
    public var customID: String
    public var ticketID: Int64
    public var contentHash: String

    public init(customID: String, ticketID: Int64, contentHash: String) {
        self.customID = customID
        self.ticketID = ticketID
        self.contentHash = contentHash
    }
}

extension TicketStore {
    // MARK: - Submitting

    /// Tickets waiting for triage that are neither in a batch still being collected (for the same content) —
    /// including a submission journaled but not confirmed yet — nor leased by a live run.
    public func pendingTicketsOutsideBatches(limit: Int, now: Date = Date()) throws -> [TicketForTriage] {
        try read("reading tickets to batch") { db in
            try Int64.fetchAll(db, sql: """
                SELECT t.id FROM tickets t
                WHERE (t.triaged_hash IS NULL OR t.triaged_hash <> t.content_hash)
                  AND NOT EXISTS (SELECT 1 FROM batch_items i JOIN batches b ON b.id = i.batch_id
                                  WHERE i.ticket_id = t.id AND i.content_hash = t.content_hash AND b.collected_at IS NULL)
                  AND NOT EXISTS (SELECT 1 FROM triage_leases l WHERE l.ticket_id = t.id AND l.expires_at > ?)
                ORDER BY t.id LIMIT ?
                """, arguments: [SQLDate.string(now), limit]).map { try Self.ticketForTriage(id: $0, db) }
        }
    }

    // MARK: - Collecting

    /// Batches not collected yet, oldest first (what `triage run --batch` resumes after a restart). Journaled
    /// submissions without an API id yet (`pendingSubmissions()`) are not among them.
    public func openBatches() throws -> [StoredBatch] {
        try read("reading open batches") { db in
            try Row.fetchAll(db, sql: """
                SELECT id, run_id, model, created_at, status, collected_at FROM batches
                WHERE collected_at IS NULL AND status <> 'submitting'
                ORDER BY created_at, id
                """).map(Self.batch)
        }
    }

    /// Every batch, newest first, with its size and how many of its entries still wait for a result
    /// (`triage batches`).
    public func batchOverview(limit: Int = 50) throws -> [BatchOverview] {
        try read("reading batches") { db in
            // The batches first, then their items and their runs' cost in one grouped pass each (llm_calls has no
            // index on run_id: a per-batch subquery would scan it once per batch).
            try Row.fetchAll(db, sql: """
                WITH listed AS (
                    SELECT id, run_id, model, created_at, status, collected_at, request_count FROM batches
                    ORDER BY created_at DESC, id DESC LIMIT ?
                ),
                items AS (
                    SELECT batch_id, count(*) AS n FROM batch_items WHERE batch_id IN (SELECT id FROM listed) GROUP BY batch_id
                ),
                costs AS (
                    SELECT run_id, sum(cost_usd) AS usd FROM llm_calls WHERE run_id IN (SELECT run_id FROM listed) GROUP BY run_id
                )
                SELECT l.id, l.run_id, l.model, l.created_at, l.status, l.collected_at,
                    coalesce(i.n, 0) AS waiting, coalesce(l.request_count, i.n, 0) AS requests, coalesce(c.usd, 0) AS cost
                FROM listed l LEFT JOIN items i ON i.batch_id = l.id LEFT JOIN costs c ON c.run_id = l.run_id
                ORDER BY l.created_at DESC, l.id DESC
                """, arguments: [limit]).map { row in
                BatchOverview(batch: Self.batch(row), requests: row["requests"], waiting: row["waiting"], costUSD: row["cost"])
            }
        }
    }

    /// The entries of `batchID` whose results were not stored yet.
    public func uncollectedBatchItems(batchID: String) throws -> [StoredBatchItem] {
        try read("reading the entries of batch \(batchID)") { db in
            try Row.fetchAll(db, sql: "SELECT custom_id, ticket_id, content_hash FROM batch_items WHERE batch_id = ? ORDER BY custom_id",
                             arguments: [batchID]).map {
                StoredBatchItem(customID: $0["custom_id"], ticketID: $0["ticket_id"], contentHash: $0["content_hash"])
            }
        }
    }

    /// One ticket as triage reads it.
    public func ticketForTriage(id: Int64) throws -> TicketForTriage {
        try read("reading ticket \(id)") { db in try Self.ticketForTriage(id: id, db) }
    }

    /// Stores one batch entry's outcome in one transaction: its calls, the result (when valid) for the entry's
    /// content version, the ticket marked triaged if that version is still current, and the entry removed, so
    /// collecting again after a crash never records it twice.
    ///
    /// Returns `false` (and changes nothing) when the entry was already collected.
    @discardableResult
    public func saveBatchResult(batchID: String, item: StoredBatchItem, result: TriageResult?, calls: [LLMCallRecord],
                                runID: Int64?, at date: Date = Date()) throws -> Bool {
        try write("saving batch entry \(item.customID) of \(batchID)") { db in
            try db.execute(sql: "DELETE FROM batch_items WHERE batch_id = ? AND custom_id = ?", arguments: [batchID, item.customID])
            guard db.changesCount > 0 else { return false }
            try Self.insertCalls(calls, ticketID: item.ticketID, runID: runID, db)
            guard let result else { return true }
            try Self.insertResult(result, ticketID: item.ticketID, contentHash: item.contentHash, runID: runID, at: date, db)
            return true
        }
    }

    /// Marks a batch collected; entries without a stored result go back to pending (they are simply dropped).
    public func finishBatch(id: String, status: String, at date: Date = Date()) throws {
        try write("finishing batch \(id)") { db in
            try db.execute(sql: "UPDATE batches SET status = ?, collected_at = ? WHERE id = ?",
                           arguments: [status, SQLDate.string(date), id])
            try db.execute(sql: "DELETE FROM batch_items WHERE batch_id = ?", arguments: [id])
        }
    }

    /// Records a batch's current processing status while it is still open.
    public func updateBatchStatus(id: String, status: String) throws {
        try write("updating batch \(id)") { db in
            try db.execute(sql: "UPDATE batches SET status = ? WHERE id = ? AND collected_at IS NULL", arguments: [status, id])
        }
    }

    /// The model calls recorded for a run (a batch's run), oldest first; every call when `runID` is `nil`.
    public func llmCalls(runID: Int64? = nil) throws -> [LLMCallRecord] {
        try read("reading model calls") { db in
            let filter = runID == nil ? "" : "WHERE run_id = ?"
            return try Row.fetchAll(db, sql: """
                SELECT purpose, model, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens,
                    is_batch, cost_usd, latency_ms, request_id, started_at, outcome, error FROM llm_calls \(filter) ORDER BY id
                """, arguments: StatementArguments(runID.map { [$0] } ?? [])).map { row in
                LLMCallRecord(
                    purpose: row["purpose"], model: row["model"],
                    usage: TokenUsage(inputTokens: row["input_tokens"], outputTokens: row["output_tokens"],
                                      cacheReadInputTokens: row["cache_read_tokens"], cacheCreationInputTokens: row["cache_write_tokens"],
                                      cacheCreation1hInputTokens: row["cache_write_1h_tokens"]),
                    isBatch: row["is_batch"], costUSD: row["cost_usd"], latencyMilliseconds: row["latency_ms"],
                    requestID: row["request_id"], startedAt: SQLDate.date(row["started_at"]) ?? Date(timeIntervalSince1970: 0),
                    outcome: LLMCallRecord.Outcome(rawValue: row["outcome"]) ?? .failed, error: row["error"])
            }
        }
    }

    private static func batch(_ row: Row) -> StoredBatch {
        StoredBatch(id: row["id"], runID: row["run_id"], model: row["model"],
                    createdAt: SQLDate.date(row["created_at"]) ?? Date(timeIntervalSince1970: 0),
                    status: row["status"], collectedAt: (row["collected_at"] as String?).flatMap(SQLDate.date))
    }
}
