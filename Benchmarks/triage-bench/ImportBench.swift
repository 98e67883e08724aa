import ArgumentParser
import Foundation
import GRDB
import GRDBSQLite
import Logging
import TicketTriage
import TriageImport
import TriageModel
import TriageStore

/// `triage-bench import`: end-to-end import throughput and peak memory, against parse-only and raw SQLite.
///
/// Each phase runs in its own process (`--phase`) so that its peak RSS is its own.
struct ImportBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import benchmark: generate N tickets, then measure a phase (parse, import, raw-sqlite).")

    enum Phase: String, ExpressibleByArgument {
        case generate, parse, `import`, rawSQLite = "raw-sqlite", all
    }

    @Option(help: "Number of tickets.") var tickets = 1_000_000
    @Option(help: "Folder for the generated data and stores.") var dir = "Benchmarks/data"
    @Option(help: "generate, parse, import, raw-sqlite, or all (each measured phase in its own process).") var phase: Phase = .all

    @Option(help: "Tickets per write transaction (import and raw-sqlite phases); default: the pipeline's.")
    var perTransaction: Int?

    var dataPath: String { "\(dir)/tickets-\(tickets).jsonl" }

    func run() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        switch phase {
        case .all:
            for p in ["generate", "parse", "import", "raw-sqlite"] {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
                process.arguments = ["import", "--tickets", String(tickets), "--dir", dir, "--phase", p]
                    + (perTransaction.map { ["--per-transaction", String($0)] } ?? [])
                try process.run()
                process.waitUntilExit()
                guard process.terminationStatus == 0 else { throw ExitCode(process.terminationStatus) }
            }
        case .generate:
            if FileManager.default.fileExists(atPath: dataPath) {
                print("data: \(dataPath) (\(String(format: "%.0f", BenchSupport.fileSizeMiB(dataPath))) MiB, reused)")
                return
            }
            let clock = ContinuousClock()
            let start = clock.now
            let bytes = try SyntheticTicketExport.write(count: tickets, to: dataPath)
            print("data: \(dataPath): \(tickets) tickets, \(bytes / 1_048_576) MiB, generated in \(String(format: "%.1f", BenchSupport.seconds(clock.now - start))) s")
        case .parse:
            let clock = ContinuousClock()
            let start = clock.now
            var count = 0
            try ZendeskJSONImporter().read(URL(fileURLWithPath: dataPath), options: ImportOptions(), diagnostics: DiagnosticCollector()) { _ in count += 1 }
            report("parse only (read + JSON + mapping, no store)", count: count, elapsed: clock.now - start)
        case .import:
            let store = "\(dir)/import-\(tickets).sqlite"
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
            var pipeline = ImportPipeline(store: try TicketStore(path: store), logger: Logger(label: "bench"))
            if let perTransaction { pipeline.batchSize = perTransaction }
            let clock = ContinuousClock()
            let start = clock.now
            let writerCPUBefore = BenchSupport.threadCPUSeconds()
            let result = pipeline.importFile(URL(fileURLWithPath: dataPath), format: .zendeskJSON, options: ImportOptions())
            // The pipeline writes on the calling thread (it reads on its own), so this thread's CPU is the writer's.
            let writerCPU = BenchSupport.threadCPUSeconds() - writerCPUBefore
            if let error = result.error { throw ValidationError(error) }
            report("full import (parse + upsert + messages + FTS5, WAL)", count: result.counts.new, elapsed: clock.now - start,
                   extra: String(format: "store %.0f MiB, writer thread CPU %.1f s (%.1f µs/ticket)",
                                 BenchSupport.fileSizeMiB(store), writerCPU, writerCPU * 1e6 / Double(max(result.counts.new, 1))))
        case .rawSQLite:
            try rawSQLite()
        }
    }

    private func report(_ what: String, count: Int, elapsed: Duration, extra: String = "") {
        let s = BenchSupport.seconds(elapsed)
        print(String(format: "%@: %d tickets in %.1f s = %.0f tickets/s, CPU %.1f s, peak RSS %.0f MiB %@",
                     what, count, s, Double(count) / s, BenchSupport.cpuSeconds(), BenchSupport.peakRSSMiB(), extra))
    }

    /// The floor: the rows the import writes for this same file — every column, the message, the search row —
    /// inserted with prepared statements in transactions of the same size, with no parsing, no identity checks and
    /// no digests in the timed part. The export is read and turned into column values first, untimed.
    private func rawSQLite() throws {
        let path = "\(dir)/raw-\(tickets).sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        _ = try TicketStore(path: path)            // the same schema, indexes and FTS table
        let pool = try DatabasePool(path: path)
        /// A column value, ready to bind.
        enum Value {
            case text(String), int(Int64), null
            init(_ text: String?) { self = text.map(Value.text) ?? .null }
        }
        struct Row {
            var ticket: [Value]
            var messages: [[Value]]
            var subject: String
            var body: String
        }
        var rows: [Row] = []
        rows.reserveCapacity(tickets)
        let now = SQLDate.string(Date())
        try ZendeskJSONImporter().read(URL(fileURLWithPath: dataPath), options: ImportOptions(), diagnostics: DiagnosticCollector()) { record in
            let t = record.ticket
            let hash = t.contentHash
            let tags = "[" + t.tags.map { "\"\($0)\"" }.joined(separator: ",") + "]"
            rows.append(Row(
                ticket: [.text(t.source), .text(t.externalID), .text(t.subject), Value(t.status), Value(t.channel),
                         Value(t.requester?.name), Value(t.requester?.email), Value(t.organization), Value(t.assignee?.email),
                         .text(tags), .text("{}"), Value(t.labelDepartment), Value(t.labelPriority),
                         Value(t.createdAt.map(SQLDate.string)), Value((t.updatedAt ?? t.createdAt).map(SQLDate.string)),
                         .text(now), .null, .text(hash), .text(hash), .null, .int(Int64(t.messages.count)),
                         Value(t.messages.compactMap(\.sentAt).max().map(SQLDate.string)), .null, .null],
                messages: t.messages.enumerated().map { position, m in
                    [.text(m.derivedID), .int(Int64(position)), Value(m.author?.name), Value(m.author?.email),
                     .text(m.role.rawValue), .int(m.isPublic ? 1 : 0), Value(m.sentAt.map(SQLDate.string)), .text(m.text),
                     Value(m.html), Value(m.trimmedText)]
                },
                subject: t.subject, body: t.messages.map(\.text).joined(separator: "\n\n")))
        }
        let perTransaction = perTransaction ?? ImportPipeline.defaultBatchSize
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        func bind(_ statement: Statement, _ index: Int, _ value: Value) {
            let handle = statement.sqliteStatement
            switch value {
            case .null: sqlite3_bind_null(handle, Int32(index))
            case let .int(i): sqlite3_bind_int64(handle, Int32(index), i)
            case var .text(s):
                s.withUTF8 { utf8 in
                    _ = sqlite3_bind_text(handle, Int32(index), UnsafeRawPointer(utf8.baseAddress!).assumingMemoryBound(to: CChar.self),
                                          Int32(utf8.count), transient)
                }
            }
        }
        func step(_ statement: Statement) throws {
            let code = sqlite3_step(statement.sqliteStatement)
            sqlite3_reset(statement.sqliteStatement)
            guard code == SQLITE_DONE else { throw ValidationError("insert failed with SQLite code \(code)") }
        }
        let clock = ContinuousClock()
        let start = clock.now
        let cpuBefore = BenchSupport.cpuSeconds()
        try pool.writeWithoutTransaction { db in
            // The same connection settings as TicketStore.
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 8192; PRAGMA temp_store = MEMORY")
            let insertTicket = try db.makeStatement(sql: """
                INSERT INTO tickets (source, external_id, subject, status, channel, requester_name, requester_email,
                    organization, assignee_email, tags, custom_fields, label_department, label_priority, created_at,
                    updated_at, imported_at, import_run_id, record_hash, content_hash, thread_key, message_count,
                    last_customer_message_at, first_agent_reply_at, last_agent_reply_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertMessage = try db.makeStatement(sql: """
                INSERT INTO messages (ticket_id, external_id, position, author_name, author_email, role, is_public,
                    sent_at, body_text, body_html, trimmed_text)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertSearch = try db.makeStatement(sql: "INSERT INTO ticket_search (rowid, subject, body) VALUES (?, ?, ?)")
            var i = 0
            while i < rows.count {
                // Bound and stepped through the C API, as the import's insert path is.
                try db.inTransaction {
                    for row in rows[i..<min(i + perTransaction, rows.count)] {
                        for (index, value) in row.ticket.enumerated() { bind(insertTicket, index + 1, value) }
                        try step(insertTicket)
                        let id = db.lastInsertedRowID
                        for message in row.messages {
                            bind(insertMessage, 1, .int(id))
                            for (index, value) in message.enumerated() { bind(insertMessage, index + 2, value) }
                            try step(insertMessage)
                        }
                        bind(insertSearch, 1, .int(id)); bind(insertSearch, 2, .text(row.subject)); bind(insertSearch, 3, .text(row.body))
                        try step(insertSearch)
                    }
                    return .commit
                }
                i += perTransaction
            }
        }
        let cpu = BenchSupport.cpuSeconds() - cpuBefore
        report("raw SQLite floor (the same rows, indexes and FTS, prepared statements, nothing else)", count: rows.count,
               elapsed: clock.now - start,
               extra: String(format: "(reading the file first, untimed); timed part CPU %.1f s (%.1f µs/ticket), store %.0f MiB",
                             cpu, cpu * 1e6 / Double(max(rows.count, 1)), BenchSupport.fileSizeMiB(path)))
    }
}
