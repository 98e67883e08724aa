import Foundation
import GRDB
import TriageModel

extension TicketStore {
    // MARK: - Import runs

    /// Records the start of an import; the returned id tags every ticket it writes.
    public func beginImportRun(file: String, format: String, source: String, at date: Date = Date()) throws -> Int64 {
        try write("recording the import of \(file)") { db in
            // Runs left 'running' by a killed process are marked for what they are.
            try db.execute(sql: "UPDATE import_runs SET status = 'interrupted' WHERE status = 'running' AND file = ?",
                           arguments: [file])
            try db.execute(sql: """
                INSERT INTO import_runs (started_at, file, format, source) VALUES (?, ?, ?, ?)
                """, arguments: [SQLDate.string(date), file, format, source])
            return db.lastInsertedRowID
        }
    }

    /// Records how an import ended, with its counts and diagnostics.
    public func finishImportRun(id: Int64, status: ImportRunStatus, counts: ImportCounts,
                                diagnostics: [ImportDiagnostic], duration: Duration,
                                error: String? = nil, at date: Date = Date()) throws {
        let ms = Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
        try write("finishing the import run \(id)") { db in
            try db.execute(sql: """
                UPDATE import_runs SET finished_at = ?, status = ?, new_count = ?, updated_count = ?,
                    unchanged_count = ?, failed_count = ?, duration_ms = ?, error = ?
                WHERE id = ?
                """, arguments: [SQLDate.string(date), status.rawValue, counts.new, counts.updated, counts.unchanged,
                                 counts.failed, ms, error, id])
            let insert = try db.cachedStatement(sql: """
                INSERT INTO import_diagnostics (run_id, severity, file, record, line, column, field, message)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for d in diagnostics {
                try insert.execute(arguments: [id, d.severity.rawValue, d.file, d.record, d.line, d.column, d.field, d.message])
            }
        }
    }

    /// The most recent import runs, newest first.
    public func importRuns(limit: Int = 20) throws -> [ImportRunRecord] {
        try read("listing import runs") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM import_runs ORDER BY id DESC LIMIT ?", arguments: [limit]).map { row in
                ImportRunRecord(
                    id: row["id"], startedAt: SQLDate.date(row["started_at"]) ?? .distantPast,
                    finishedAt: (row["finished_at"] as String?).flatMap(SQLDate.date), file: row["file"],
                    format: row["format"], source: row["source"],
                    status: ImportRunStatus(rawValue: row["status"]) ?? .failed,
                    counts: ImportCounts(new: row["new_count"], updated: row["updated_count"],
                                         unchanged: row["unchanged_count"], failed: row["failed_count"]),
                    durationMilliseconds: row["duration_ms"], error: row["error"])
            }
        }
    }

    /// Diagnostics recorded with an import run.
    ///
    /// - Throws: `StoreError` when reading fails, or when a row's severity is not one this version knows (the
    ///   schema allows only `warning` and `error`, so only a store edited by hand has one).
    public func importDiagnostics(runID: Int64) throws -> [ImportDiagnostic] {
        try read("reading import diagnostics") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM import_diagnostics WHERE run_id = ? ORDER BY id", arguments: [runID]).map {
                let severity: String = $0["severity"]
                guard let known = ImportDiagnostic.Severity(rawValue: severity) else {
                    throw StoreError.database(operation: "reading import diagnostics",
                                              underlying: "diagnostic \($0["id"] as Int64) of run \(runID) has severity `\(severity)`, which this version does not know")
                }
                return ImportDiagnostic(severity: known, file: $0["file"], record: $0["record"], line: $0["line"],
                                        column: $0["column"], field: $0["field"], message: $0["message"])
            }
        }
    }

    // MARK: - Upsert

    /// Stores a batch of imported tickets in one transaction: new ones inserted, known ones updated in place
    /// (changed fields, new messages appended), identical ones left alone.
    ///
    /// A ticket is known by `(source, externalID)`; a threaded record (mail) also joins the ticket that holds a
    /// message it references, or failing that a ticket with the same subject key updated within `threadWindow`.
    /// Either the whole batch is stored or none of it.
    public func upsert(_ tickets: [ImportedTicket], runID: Int64?, threadWindow: TimeInterval = 14 * 86400,
                       now: Date = Date()) throws -> [UpsertOutcome] {
        try upsert(tickets.map(PreparedTicket.init), runID: runID, threadWindow: threadWindow, now: now)
    }

    /// `upsert` for tickets prepared in advance (the import prepares them on its reading thread).
    public func upsert(_ tickets: [PreparedTicket], runID: Int64?, threadWindow: TimeInterval = 14 * 86400,
                       now: Date = Date()) throws -> [UpsertOutcome] {
        let nowText = SQLDate.string(now)
        return try write("storing \(tickets.count) tickets") { db in
            var writer = try TicketUpsert(db: db, runID: runID, now: nowText, threadWindow: threadWindow)
            return try tickets.map { try writer.upsert($0) }
        }
    }
}
