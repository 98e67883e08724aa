import ArgumentParser
import Foundation
import GRDB
import GRDBSQLite
import Logging
import TicketTriage
import TriageImport
import TriageModel
import TriageStore

/// `triage-bench import`: end-to-end import throughput and peak memory of `triage import` (the CLI users run),
/// its re-import of the unchanged file, parse-only, and the raw-SQLite floor for the same rows; optionally the
/// baselines of issue 16 (the Python stdlib script and the C program against libsqlite3) alternating with it.
///
/// Every measured phase runs in its own process so that its peak RSS is its own.
struct ImportBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import benchmark: generate N tickets, then measure parse, triage import, re-import and raw SQLite.")

    enum Phase: String, ExpressibleByArgument {
        case generate, json, parse, `import`, reimport, rawSQLite = "raw-sqlite", all
    }

    enum Shape: String, ExpressibleByArgument {
        /// Zendesk incremental-export lines: 1–4 comments (mean 2.0), ≈ 500 B of metadata.
        case realistic
        /// One customer message per ticket, little metadata (the benchmark's shape before issue 16).
        case single
    }

    @Option(help: "Number of tickets to generate.") var tickets = 1_000_000
    @Option(help: "Folder for the generated data and stores.") var dir = "Benchmarks/data"
    @Option(help: "generate, json, parse, import, reimport, raw-sqlite, or all (each measured phase in its own process).")
    var phase: Phase = .all
    @Option(help: "Generated data: realistic (several comments, real metadata) or single (one message per ticket).")
    var shape: Shape = .realistic
    @Option(help: "Import this JSONL file instead of generated data (e.g. gen_zendesk_jsonl.py's output).")
    var data: String?
    @Option(help: "Folder with py_import_jsonl.py, extract_rows.py and sqlite_limit.c: run them beside the import (skipped when absent).")
    var baselines: String?
    @Option(help: "Rounds of import / Python / C, alternating (with --baselines).") var rounds = 1
    @Option(help: "The triage executable (default: the one next to this benchmark).") var triage: String?

    @Option(help: "Tickets per write transaction for the raw-sqlite phase; default: the pipeline's.")
    var perTransaction: Int?

    var dataPath: String { data ?? "\(dir)/tickets-\(shape.rawValue)-\(tickets).jsonl" }
    var storePath: String { "\(dir)/import-\(URL(fileURLWithPath: dataPath).deletingPathExtension().lastPathComponent).sqlite" }
    var triagePath: String {
        triage ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("triage").path
    }

    func run() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        switch phase {
        case .all:
            try runAll()
        case .generate:
            try generate()
        case .json:
            try compareJSONParsers()
        case .parse:
            let clock = ContinuousClock()
            let start = clock.now
            var count = 0
            var messages = 0
            try ZendeskJSONImporter().read(URL(fileURLWithPath: dataPath), options: ImportOptions(), diagnostics: DiagnosticCollector()) {
                count += 1
                messages += $0.ticket.messages.count
                _ = PreparedTicket($0.ticket)
            }
            report("parse only (read + JSON + mapping + digests, no store; \(messages) messages)", count: count, elapsed: clock.now - start)
        case .import:
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storePath + suffix) }
            _ = try runTriageImport(label: "triage import")
        case .reimport:
            _ = try runTriageImport(label: "triage import again (unchanged file)")
        case .rawSQLite:
            try rawSQLite()
        }
    }

    private func generate() throws {
        guard data == nil else { return }
        if FileManager.default.fileExists(atPath: dataPath) {
            print("data: \(dataPath) (\(String(format: "%.0f", BenchSupport.fileSizeMiB(dataPath))) MiB, reused)")
            return
        }
        let clock = ContinuousClock()
        let start = clock.now
        let bytes = shape == .realistic
            ? try RealisticZendeskExport.write(count: tickets, to: dataPath)
            : try SyntheticTicketExport.write(count: tickets, to: dataPath)
        print("data: \(dataPath): \(tickets) \(shape.rawValue) tickets, \(bytes / 1_048_576) MiB, generated in \(String(format: "%.1f", BenchSupport.seconds(clock.now - start))) s")
    }

    /// `triage import FILE --from zendesk-json --db STORE` in a child process; returns its rate.
    private func runTriageImport(label: String) throws -> Double {
        let run = try ChildRun.run([triagePath, "import", dataPath, "--from", "zendesk-json", "--db", storePath], echo: false)
        guard run.status == 0 else { throw BenchError("\(triagePath) import failed (exit \(run.status)): \(run.output)") }
        let counts = Self.numbers(in: run.output, before: ["new", "updated", "unchanged"])
        let total = counts.reduce(0, +)
        let rate = Double(total) / run.seconds
        print(String(format: "%@: %d tickets (%d new, %d updated, %d unchanged) in %.1f s = %.0f tickets/s, CPU %.1f s, peak RSS %.0f MiB, store %.0f MiB",
                     label, total, counts[0], counts[1], counts[2], run.seconds, rate, run.cpuSeconds, run.peakRSSMiB,
                     BenchSupport.fileSizeMiB(storePath)))
        return rate
    }

    /// The integers written just before each of `words` ("12 new, 0 updated").
    static func numbers(in text: String, before words: [String]) -> [Int] {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" })
        return words.map { word in
            guard let at = tokens.firstIndex(where: { $0 == word }), at > 0 else { return 0 }
            return Int(tokens[at - 1]) ?? 0
        }
    }

    /// A measured phase of this benchmark in its own process; returns the rate it printed.
    private func runPhase(_ phase: Phase) throws -> Double {
        var arguments = [CommandLine.arguments[0], "import", "--tickets", String(tickets), "--dir", dir, "--phase", phase.rawValue,
                         "--shape", shape.rawValue, "--triage", triagePath]
        if let data { arguments += ["--data", data] }
        if let perTransaction { arguments += ["--per-transaction", String(perTransaction)] }
        let run = try ChildRun.run(arguments)
        guard run.status == 0 else { throw ExitCode(run.status) }
        return Self.rate(in: run.output)
    }

    /// The figure before "tickets/s" in a summary line.
    static func rate(in text: String) -> Double {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "=" || $0 == "," })
        guard let at = tokens.lastIndex(where: { $0 == "tickets/s" }), at > 0 else { return 0 }
        return Double(tokens[at - 1]) ?? 0
    }

    private func runAll() throws {
        try generate()
        _ = try runPhase(.parse)
        let baselineFolder = baselines.flatMap { FileManager.default.fileExists(atPath: $0 + "/sqlite_limit.c") ? $0 : nil }
        if let baselines, baselineFolder == nil { print("baselines: \(baselines) not found; the Python and C baselines are skipped") }
        var comparison: Baselines?
        if let baselineFolder { comparison = try Baselines(folder: baselineFolder, scratch: dir, data: dataPath) }
        var imports: [Double] = []
        var reimports: [Double] = []
        for round in 1...max(rounds, 1) {
            if rounds > 1 { print("-- round \(round)") }
            imports.append(try runPhase(.import))
            if let comparison { try comparison.runPython(); try comparison.runC() }
            reimports.append(try runPhase(.reimport))
        }
        let floor = try runPhase(.rawSQLite)
        print("-- summary (\(URL(fileURLWithPath: dataPath).lastPathComponent); ratios within this run)")
        for (i, rate) in imports.enumerated() {
            var line = String(format: "round %d: triage import %.0f tickets/s = %.2f × the raw-SQLite floor (%.0f/s); re-import %.0f/s = %.1f × the first import",
                              i + 1, rate, rate / floor, floor, reimports[i], reimports[i] / rate)
            if let comparison, i < comparison.python.count, i < comparison.c.count {
                line += String(format: "; %.2f × Python (%.0f/s), %.2f × C (%.0f/s)", rate / comparison.python[i], comparison.python[i],
                               rate / comparison.c[i], comparison.c[i])
            }
            print(line)
        }
    }

    /// The file's lines parsed by `JSONSerialization` (the importer's parser before issue 16), then by
    /// `JSONBytesParser`: JSON decoding alone, no mapping.
    private func compareJSONParsers() throws {
        guard let handle = FileHandle(forReadingAtPath: dataPath) else { throw BenchError("cannot read \(dataPath)") }
        var lines: [[UInt8]] = []
        var bytes = 0
        while let chunk = try handle.read(upToCount: 64 << 20), !chunk.isEmpty, bytes < 512 << 20 {
            lines += chunk.split(separator: 10).map(Array.init)
            bytes += chunk.count
        }
        lines = lines.filter { $0.first == UInt8(ascii: "{") && $0.last == UInt8(ascii: "}") }
        let clock = ContinuousClock()
        var start = clock.now
        var objects = 0
        for line in lines where (try? JSONSerialization.jsonObject(with: Data(line))) is [String: Any] { objects += 1 }
        let old = BenchSupport.seconds(clock.now - start)
        start = clock.now
        var parsed = 0
        for line in lines where (try? JSONBytesParser.parse(line)) is [String: Any] { parsed += 1 }
        let new = BenchSupport.seconds(clock.now - start)
        print(String(format: "JSON decoding of %d lines (%.0f MiB): JSONSerialization %.2f s (%.1f µs/line), JSONBytesParser %.2f s (%.1f µs/line) = %.1f× faster",
                     lines.count, Double(bytes) / 1_048_576, old, old * 1e6 / Double(objects), new, new * 1e6 / Double(parsed), old / new))
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
