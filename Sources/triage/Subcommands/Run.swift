import ArgumentParser
import Foundation
import TicketTriage
import TriageClassify
import TriageStore

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Triage the pending tickets (new or changed since their last triage).",
        discussion: """
            Each ticket gets a department, priority, sentiment, language, confidence and summary. Runs can overlap
            safely (tickets are leased) and can be killed and rerun: finished tickets are not redone.
              triage run --backend local
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "local (offline model), claude or cascade.") var backend: BackendChoice = .local
    @Option(help: "Stop before spending more than this many USD on model calls.") var budget: Double?
    @Option(help: "Tickets in flight at once.") var concurrency = 8
    @Option(help: "Triage at most this many tickets.") var limit: Int?
    @Flag(help: "Show what would be triaged; change nothing.") var dryRun = false

    func validate() throws {
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if let budget, budget < 0 { throw ValidationError("--budget must not be negative") }
    }

    func run() async throws {
        do {
            try await execute()
        } catch let error as CLIError {
            Terminal.error(error.message)
            throw error.exitCode.code
        }
    }

    private func execute() async throws {
        let store = try global.openExistingStore()
        let logger = global.logger()
        if dryRun {
            let pending = try store.pendingTickets(limit: limit ?? 1_000_000)
            if output.format == .json { return try Terminal.json(pending.map { ["id": String($0.id), "subject": $0.subject] }) }
            for ticket in pending.prefix(50) { Terminal.out("\(ticket.id)  \(TextTable.clip(ticket.subject, 80))") }
            if pending.count > 50 { Terminal.out("… and \(pending.count - 50) more") }
            Terminal.out("\(pending.count) ticket(s) would be triaged with the \(backend.rawValue) backend (cost: $0.00 locally)")
            return
        }
        let classifier: any Classifier
        switch backend {
        case .local:
            classifier = LocalClassifier(model: try LocalModelFile.load(databasePath: global.databasePath))
        case .claude, .cascade:
            throw CLIError(message: "the \(backend.rawValue) backend is not available in this version; use --backend local", exitCode: .failure)
        }
        var runner = TriageRunner(store: store, classifier: classifier, backendName: backend.rawValue,
                                  concurrency: concurrency, budgetUSD: budget, logger: logger)
        runner.limit = limit
        let report: TriageRunReport
        do {
            report = try await runner.run { p in
                Terminal.progress("triage: \(p.done) done, \(p.inFlight) in flight, \(p.failed) failed, $\(String(format: "%.4f", p.spentUSD))")
            }
        } catch {
            throw CLIError(error, exitCode: .failure)
        }
        Terminal.clearProgress()
        if output.format == .json { return try Terminal.json(report) }
        Terminal.out("triage run \(report.runID) \(report.status.rawValue): \(report.triaged) triaged, \(report.failed) failed, $\(String(format: "%.4f", report.spentUSD)) spent, \(report.stillPending) still pending")
        if report.failed > 0 { throw ExitStatus.partial.code }
    }
}
