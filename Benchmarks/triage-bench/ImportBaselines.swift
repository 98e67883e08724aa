import Foundation

/// The baselines of issue 16, run beside `triage import` on the same file: the Python stdlib importer
/// (`py_import_jsonl.py`) and the C program inserting the same rows through libsqlite3 (`sqlite_limit.c`).
///
/// The C program is compiled and its rows extracted once, untimed; each run starts from an empty database.
/// Rates are tickets over each process's wall time, as for `triage import`.
final class Baselines {
    let folder: String
    let scratch: String
    let data: String
    private(set) var python: [Double] = []
    private(set) var c: [Double] = []
    private let program: String
    private let rows: String

    init(folder: String, scratch: String, data: String) throws {
        self.folder = folder
        self.scratch = scratch
        self.data = data
        program = "\(scratch)/sqlite_limit"
        rows = "\(scratch)/\(URL(fileURLWithPath: data).deletingPathExtension().lastPathComponent).rows"
        let compile = try ChildRun.run(["cc", "-O2", "-o", program, "\(folder)/sqlite_limit.c", "-lsqlite3"])
        guard compile.status == 0 else { throw BenchError("cannot compile \(folder)/sqlite_limit.c (is cc installed?)") }
        if !FileManager.default.fileExists(atPath: rows) {
            let extract = try ChildRun.run(["python3", "\(folder)/extract_rows.py", data, rows])
            guard extract.status == 0 else { throw BenchError("extract_rows.py failed on \(data)") }
        }
    }

    func runPython() throws {
        python.append(try measure("Python stdlib script", ["python3", "\(folder)/py_import_jsonl.py", data, "\(scratch)/py.db"],
                                  database: "\(scratch)/py.db"))
    }

    func runC() throws {
        c.append(try measure("C against libsqlite3", [program, rows, "\(scratch)/c.db"], database: "\(scratch)/c.db"))
    }

    private func measure(_ label: String, _ arguments: [String], database: String) throws -> Double {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        sync()
        let run = try ChildRun.run(arguments, echo: false)
        guard run.status == 0 else { throw BenchError("\(label) failed (exit \(run.status)): \(run.output)") }
        let tickets = run.output.split(separator: " ").first { $0.hasPrefix("tickets=") }.flatMap { Int($0.dropFirst(8)) } ?? 0
        let rate = Double(tickets) / run.seconds
        print(String(format: "%@: %d tickets in %.1f s = %.0f tickets/s, CPU %.1f s, peak RSS %.0f MiB",
                     label, tickets, run.seconds, rate, run.cpuSeconds, run.peakRSSMiB))
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        return rate
    }
}
