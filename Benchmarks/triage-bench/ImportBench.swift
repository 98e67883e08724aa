import ArgumentParser
import Foundation
import GRDB
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
            let result = pipeline.importFile(URL(fileURLWithPath: dataPath), format: .zendeskJSON, options: ImportOptions())
            if let error = result.error { throw ValidationError(error) }
            report("full import (parse + upsert + messages + FTS5, WAL)", count: result.counts.new, elapsed: clock.now - start,
                   extra: "store \(String(format: "%.0f", BenchSupport.fileSizeMiB(store))) MiB")
        case .rawSQLite:
            try rawSQLite()
        }
    }

    private func report(_ what: String, count: Int, elapsed: Duration, extra: String = "") {
        let s = BenchSupport.seconds(elapsed)
        print(String(format: "%@: %d tickets in %.1f s = %.0f tickets/s, CPU %.1f s, peak RSS %.0f MiB %@",
                     what, count, s, Double(count) / s, BenchSupport.cpuSeconds(), BenchSupport.peakRSSMiB(), extra))
    }

    /// The floor: the same rows inserted with prepared statements in large transactions, no parsing, no lookups.
    private func rawSQLite() throws {
        let path = "\(dir)/raw-\(tickets).sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        _ = try TicketStore(path: path)            // the same schema, indexes and FTS table
        let pool = try DatabasePool(path: path)
        // Pre-build the rows in memory first (as strings) so only SQLite is timed.
        let n = min(tickets, 1_000_000)
        var rng = SeededGenerator(seed: 7)
        let body = String(repeating: "the invoice shows the wrong amount and we were charged twice. ", count: 16)
        let clock = ContinuousClock()
        let start = clock.now
        try pool.writeWithoutTransaction { db in
            // The same connection settings as TicketStore.
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 8192; PRAGMA temp_store = MEMORY")
            let insertTicket = try db.makeStatement(sql: """
                INSERT INTO tickets (source, external_id, subject, tags, custom_fields, imported_at, record_hash, content_hash,
                    message_count, created_at, updated_at, label_department, status, channel)
                VALUES ('bench', ?, ?, '["bench"]', '{}', '2026-11-25T00:00:00.000Z', ?, ?, 1, ?, ?, 'Billing', 'open', 'email')
                """)
            let insertMessage = try db.makeStatement(sql: """
                INSERT INTO messages (ticket_id, external_id, position, role, is_public, body_text) VALUES (?, 'description', 0, 'customer', 1, ?)
                """)
            let insertSearch = try db.makeStatement(sql: "INSERT INTO ticket_search (rowid, subject, body) VALUES (?, ?, ?)")
            var i = 0
            while i < n {
                try db.inTransaction {
                    for _ in 0..<min(perTransaction ?? ImportPipeline.defaultBatchSize, n - i) {
                        i += 1
                        let hash = String(rng.next(), radix: 16)
                        // The same time-ordered timestamps as the generated export.
                        let created = Date(timeIntervalSince1970: Double(1_795_000_000 + i * 2))
                        try insertTicket.execute(arguments: [String(i), "Charged twice \(i)", hash, hash, SQLDate.string(created),
                                                             SQLDate.string(created.addingTimeInterval(3600))])
                        let id = db.lastInsertedRowID
                        try insertMessage.execute(arguments: [id, body])
                        try insertSearch.execute(arguments: [id, "Charged twice \(i)", body])
                    }
                    return .commit
                }
            }
        }
        report("raw SQLite floor (same rows and indexes, prepared statements, no parsing)", count: n, elapsed: clock.now - start)
    }
}
