import Foundation
import GRDB
import TriageModel

/// A help desk sync's stored position.
public struct SyncCursorRecord: Sendable, Hashable, Codable {
    public var key: String
    public var position: String
    public var updatedAt: Date
    /// Pages and tickets committed under this key since it was first written.
    public var pages: Int
    public var tickets: Int
}

extension TicketStore {
    /// The stored position of the sync keyed `key`, or `nil` before its first committed page.
    public func syncCursor(key: String) throws -> SyncCursorRecord? {
        try read("reading the sync cursor") { db in
            try Row.fetchOne(db, sql: "SELECT key, position, updated_at, pages, tickets FROM sync_cursors WHERE key = ?",
                             arguments: [key]).map { row in
                SyncCursorRecord(key: row["key"], position: row["position"],
                                 updatedAt: SQLDate.date(row["updated_at"]) ?? Date(timeIntervalSince1970: 0),
                                 pages: row["pages"], tickets: row["tickets"])
            }
        }
    }

    /// Stores one synced page's tickets and the position after it in one transaction: either both are
    /// committed or neither is.
    public func storeSyncedPage(_ tickets: [PreparedTicket], runID: Int64?, cursorKey: String, position: String,
                                threadWindow: TimeInterval = 14 * 86400, now: Date = Date()) throws -> [UpsertOutcome] {
        let nowText = SQLDate.string(now)
        return try write("storing \(tickets.count) synced tickets") { db in
            var writer = try TicketUpsert(db: db, runID: runID, now: nowText, threadWindow: threadWindow)
            let outcomes = try tickets.map { try writer.upsert($0) }
            try writer.finish()
            try db.execute(sql: """
                INSERT INTO sync_cursors (key, position, updated_at, pages, tickets) VALUES (?, ?, ?, 1, ?)
                ON CONFLICT (key) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at,
                    pages = pages + 1, tickets = tickets + excluded.tickets
                """, arguments: [cursorKey, position, nowText, tickets.count])
            return outcomes
        }
    }

    /// What storing `tickets` would do to each, without writing: `new` (unknown identity), `unchanged` (same
    /// record digest) or `updated`. Threaded mail is not joined here; help desk tickets carry their own ids.
    public func previewChanges(_ tickets: [PreparedTicket]) throws -> [UpsertOutcome] {
        try read("comparing synced tickets with the store") { db in
            let statement = try db.cachedStatement(sql: "SELECT record_hash FROM tickets WHERE source = ? AND external_id = ?")
            return try tickets.map { prepared in
                guard let hash = try String.fetchOne(statement, arguments: [prepared.ticket.source, prepared.ticket.externalID]) else {
                    return .new
                }
                return hash == prepared.recordHash ? .unchanged : .updated
            }
        }
    }

    /// Forgets the stored position (the next sync starts from its `--since`).
    public func resetSyncCursor(key: String) throws {
        try write("resetting the sync cursor") { db in
            try db.execute(sql: "DELETE FROM sync_cursors WHERE key = ?", arguments: [key])
        }
    }
}
