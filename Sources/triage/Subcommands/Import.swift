import ArgumentParser
import Foundation
import Synchronization
import TriageModel
import TicketTriage
import TriageImport
import TriageStore

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import ticket exports (email, XML, JSON, CSV) into the store.",
        discussion: """
            Formats are detected from the content; name one with --from when detection cannot tell.
            Folders are walked and each file is classified by its content: exports are imported, companions
            (side-loaded users, comments, conversations) are read with their export, anything else is skipped with
            one warning line. Importing the same export again changes nothing; a newer export
            updates changed tickets and appends new messages. A bad record is reported (file:line) and skipped.

              triage import SampleTickets/zendesk/tickets.json
              triage import --from csv --mapping helpdesk-mapping.yml export.csv
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "Export files or folders.", completion: .file())
    var paths: [String]

    @Option(help: "Input format: \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var from: ImportFormat = .auto

    @Option(help: "Name of the import origin stored with each ticket (default: per format, e.g. zendesk).")
    var source: String?

    @Option(help: "Field mapping (YAML) for generic JSON, generic XML and CSV; default: mapping.yml beside the file.")
    var mapping: String?

    @Option(help: "Print at most this many diagnostics per file on stderr.")
    var maxDiagnostics = 20

    func validate() throws {
        if let source, let problem = Self.sourceProblem(source) { throw ValidationError("--source \(problem)") }
        if maxDiagnostics < 0 { throw ValidationError("--max-diagnostics must not be negative") }
    }

    /// Why `name` cannot name an import origin: tickets are addressed as `source:external_id`, so it must be
    /// non-empty, without `:`, white space or control characters, and short.
    static func sourceProblem(_ name: String) -> String? {
        if name.isEmpty { return "must not be empty (e.g. --source helpdesk)" }
        if name.contains(":") { return "\"\(name)\" must not contain ':' (tickets are shown as source:id)" }
        if name.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) {
            return "must not contain spaces or control characters"
        }
        if name.count > 64 { return "is longer than 64 characters" }
        return nil
    }

    func run() throws {
        let configuration = try global.loadConfiguration()
        let logger = global.logger()
        let plan = try ImportPlan.make(paths.map { URL(fileURLWithPath: $0) }, format: from)
        for skip in plan.skipped { Terminal.err(skip.description) }
        let files = plan.files
        if files.isEmpty {
            let what = plan.skipped.isEmpty ? "" : " (\(plan.skipped.count) file(s) skipped: see above)"
            throw CommandFailure("nothing to import in \(paths.joined(separator: ", "))\(what)",
                                 status: plan.skipped.isEmpty ? .noInput : .dataError)
        }
        // Only now: a missing or empty path must not leave an empty store behind.
        let store = try global.openStore()
        // The pipeline's own transaction size: what `triage-bench import` measures is what runs here.
        let pipeline = ImportPipeline(store: store, logger: logger)
        var reports: [ImportFileReport] = []
        for file in files {
            let fieldMapping = try MappingFile.load(explicit: mapping, for: file)
            let printed = Counter()
            let limit = maxDiagnostics
            let report = pipeline.importFile(
                file, format: from, options: configuration.importOptions(source: source, mapping: fieldMapping),
                progress: { p in
                    let seconds = Double(p.elapsed.components.seconds) + Double(p.elapsed.components.attoseconds) / 1e18
                    let rate = seconds > 0 ? Int(Double(p.records) / seconds) : 0
                    Terminal.progress("importing \((p.file as NSString).lastPathComponent): \(p.records) records (\(p.counts.new) new, \(p.counts.updated) updated, \(p.counts.failed) failed), \(rate)/s")
                },
                onDiagnostic: { d in
                    let n = printed.increment()
                    if n <= limit { Terminal.err(d.description) }
                })
            Terminal.clearProgress()
            if report.diagnosticCount > limit {
                Terminal.err("\(file.path): … and \(report.diagnosticCount - limit) more diagnostics (all are stored with import run \(report.runID.map(String.init) ?? "?"))")
            }
            if let error = report.error { Terminal.error(error) }
            reports.append(report)
            if output.format == .text { Terminal.out(Self.summary(report)) }
        }
        if output.format == .json { try Terminal.json(reports) }
        if output.format == .text, !plan.skipped.isEmpty { Terminal.out(Self.skipSummary(plan)) }
        let failures = reports.filter { $0.error != nil }
        if !failures.isEmpty { throw (failures.allSatisfy { $0.inputError == true } ? ExitStatus.dataError : ExitStatus.failure).code }
        if reports.contains(where: { $0.counts.failed > 0 }) { throw ExitStatus.partial.code }
    }

    /// `skipped 3 file(s): 2 not understood, 1 companion(s) read with their export`
    static func skipSummary(_ plan: ImportPlan) -> String {
        "skipped \(plan.skipped.count) file(s): \(plan.notUnderstoodCount) not understood, \(plan.companionCount) companion(s) read with their export"
    }

    static func summary(_ r: ImportFileReport) -> String {
        let c = r.counts
        let status = r.error != nil ? "FAILED" : (c.failed > 0 ? "done with errors" : "done")
        return "\(r.file) [\(r.format), source \(r.source)]: \(status) — \(c.new) new, \(c.updated) updated, \(c.unchanged) unchanged, \(c.failed) failed in \(String(format: "%.2f", r.durationSeconds)) s"
    }
}

extension ImportFormat: ExpressibleByArgument {}

/// A counter shared with callbacks that may run on another thread.
final class Counter: Sendable {
    private let value = Atomic(0)

    func increment() -> Int { value.add(1, ordering: .relaxed).newValue }
}
