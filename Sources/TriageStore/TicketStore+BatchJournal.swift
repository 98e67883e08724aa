import Foundation
import GRDB

/// A batch submission journaled before it was sent, whose API id is not known (yet).
public struct PendingSubmission: Sendable, Hashable {
    /// The local placeholder id, `pending-<uuid>`.
    public var placeholderID: String
    public var runID: Int64?
    public var model: String
    /// When the submission was journaled, just before the request left.
    public var createdAt: Date
    /// How many requests the batch was sent with.
    public var requestCount: Int
}

extension TicketStore {
    /// The `status` of a journaled submission that has no API id yet.
    public static let submittingStatus = "submitting"

    /// Journals a submission before it is sent, in one transaction: a `batches` row with a fresh placeholder id
    /// (`pending-<uuid>`, status `submitting`) and its entries, so that its tickets count as being in an open batch
    /// from now on — a crash while the batch is being created can no longer send them twice. Returns the placeholder.
    public func journalSubmission(runID: Int64?, model: String, items: [StoredBatchItem], at date: Date = Date()) throws -> String {
        let placeholder = "pending-" + UUID().uuidString.lowercased()
        try write("journaling batch submission \(placeholder)") { db in
            try db.execute(sql: """
                INSERT INTO batches (id, run_id, model, created_at, status, request_count) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [placeholder, runID, model, SQLDate.string(date), Self.submittingStatus, items.count])
            let insert = try db.cachedStatement(sql: """
                INSERT INTO batch_items (batch_id, custom_id, ticket_id, content_hash) VALUES (?, ?, ?, ?)
                """)
            for item in items { try insert.execute(arguments: [placeholder, item.customID, item.ticketID, item.contentHash]) }
        }
        return placeholder
    }

    /// Journaled submissions without an API id, oldest first.
    public func pendingSubmissions() throws -> [PendingSubmission] {
        try read("reading journaled batch submissions") { db in
            try Row.fetchAll(db, sql: """
                SELECT b.id, b.run_id, b.model, b.created_at,
                    coalesce(b.request_count, (SELECT count(*) FROM batch_items i WHERE i.batch_id = b.id)) AS requests
                FROM batches b WHERE b.status = ? ORDER BY b.created_at, b.id
                """, arguments: [Self.submittingStatus]).map { row in
                PendingSubmission(placeholderID: row["id"], runID: row["run_id"], model: row["model"],
                                  createdAt: SQLDate.date(row["created_at"]) ?? Date(timeIntervalSince1970: 0),
                                  requestCount: row["requests"])
            }
        }
    }

    /// Gives a journaled submission its API id, in one transaction: a `batches` row under `batchID` (same run,
    /// model, journal time and request count, status `in_progress`), the entries moved to it, the placeholder
    /// removed. Used both when `createBatch` returned and when recovery found the batch.
    ///
    /// Returns `false` (and changes nothing) when the placeholder is gone and `batchID` is already recorded —
    /// another process resolved it first.
    @discardableResult
    public func confirmSubmission(placeholderID: String, batchID: String) throws -> Bool {
        try write("recording batch \(batchID) for submission \(placeholderID)") { db in
            let known = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM batches WHERE id = ?)", arguments: [batchID]) ?? false
            let placeholderExists = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM batches WHERE id = ? AND status = ?)",
                                                      arguments: [placeholderID, Self.submittingStatus]) ?? false
            if !placeholderExists && known { return false }
            guard placeholderExists else {
                throw StoreError.database(operation: "recording batch \(batchID)",
                                          underlying: "the journaled submission \(placeholderID) is gone")
            }
            guard !known else {
                throw StoreError.database(operation: "recording batch \(batchID) for submission \(placeholderID)",
                                          underlying: "batch \(batchID) is already recorded for other tickets")
            }
            try db.execute(sql: """
                INSERT INTO batches (id, run_id, model, created_at, status, request_count)
                SELECT ?, run_id, model, created_at, 'in_progress', request_count FROM batches WHERE id = ?
                """, arguments: [batchID, placeholderID])
            try db.execute(sql: "UPDATE batch_items SET batch_id = ? WHERE batch_id = ?", arguments: [batchID, placeholderID])
            try db.execute(sql: "DELETE FROM batches WHERE id = ?", arguments: [placeholderID])
            return true
        }
    }

    /// Drops a journaled submission whose batch was not created: its tickets are pending again.
    public func abandonSubmission(placeholderID: String) throws {
        try write("removing journaled submission \(placeholderID)") { db in
            try db.execute(sql: "DELETE FROM batch_items WHERE batch_id = ?", arguments: [placeholderID])
            try db.execute(sql: "DELETE FROM batches WHERE id = ? AND status = ?", arguments: [placeholderID, Self.submittingStatus])
        }
    }

    /// Those of `ids` the store has a `batches` row for (open or collected).
    public func knownBatchIDs(among ids: [String]) throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return try read("reading known batch ids") { db in
            var known = Set<String>()
            let statement = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM batches WHERE id = ?)")
            for id in ids where try Bool.fetchOne(statement, arguments: [id]) == true { known.insert(id) }
            return known
        }
    }
}
