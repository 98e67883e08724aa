import ArgumentParser
import Foundation
import TriageModel
import TicketTriage
import TriageClassify
import AnthropicClient
import Logging
import TriageModel
import TriageNetwork
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
    @Flag(help: "Send the work through the Message Batches API (half price, results within 24 h); a later `run --batch` collects.") var batch = false
    @Flag(help: "With --batch: wait for submitted batches to end and collect them now.") var wait = false
    @Option(help: ArgumentHelp("With --batch: settle an interrupted submission the run could not match by itself.",
                               discussion: "PENDING_ID=BATCH_ID names the API batch that holds its tickets; PENDING_ID=none sends them again.",
                               valueName: "pending-id=batch-id|none"))
    var resolveSubmission: String?
    @Option(help: "Folder with prompts/ and digest templates (default: $TRIAGE_TEMPLATES, ./Templates, the install, the checkout).") var templates: String?
    @Flag(help: "Show what would be triaged and what it would cost at most; change nothing.") var dryRun = false
    @OptionGroup var rules: RulesFileOption
    @Flag(help: "Do not apply the routing rules after triaging (they run when `rules:` is configured or --rules is given).") var noRoute = false
    @Option(help: ArgumentHelp("Take over the tickets leased by this earlier run (one known to be gone, e.g. on another host); repeatable.", valueName: "run-id"))
    var takeOver: [Int64] = []

    func validate() throws {
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if let budget, budget < 0 { throw ValidationError("--budget must not be negative") }
        if let resolveSubmission {
            guard batch else { throw ValidationError("--resolve-submission goes with --batch") }
            guard Self.submissionResolution(resolveSubmission) != nil else {
                throw ValidationError("--resolve-submission takes PENDING_ID=BATCH_ID or PENDING_ID=none, not `\(resolveSubmission)`")
            }
        }
    }

    func run() async throws {
        try await execute()
    }

    private func execute() async throws {
        let store = try global.openExistingStore()
        let logger = global.logger()
        let configuration = try global.loadConfiguration()
        if batch { return try await runBatch(store: store, configuration: configuration, logger: logger) }
        let classifier = try BackendFactory(global: global, templates: templates).classifier(backend, configuration: configuration, logger: logger,
                                                                                                     concurrency: concurrency)
        if dryRun {
            let estimate = try TriageDryRun.estimate(store: store, classifier: classifier, backend: backend.rawValue, limit: limit)
            if output.format == .json { return try Terminal.json(estimate) }
            for ticket in estimate.sample { Terminal.out("\(ticket.id)  \(TextTable.clip(ticket.subject, 80))") }
            if estimate.tickets > estimate.sample.count { Terminal.out("… and \(estimate.tickets - estimate.sample.count) more") }
            Terminal.out("\(estimate.tickets) ticket(s) would be triaged with the \(backend.rawValue) backend; at most $\(String(format: "%.4f", estimate.maximumCostUSD))")
            return
        }
        try LeaseReport.takeOver(store: store, runs: Set(takeOver))
        var runner = TriageRunner(store: store, classifier: classifier, backendName: backend.rawValue,
                                  concurrency: concurrency, budgetUSD: budget, logger: logger)
        runner.limit = limit
        let report = try await runner.run { p in
            Terminal.progress("triage: \(p.done) done, \(p.inFlight) in flight, \(p.failed) failed, $\(String(format: "%.4f", p.spentUSD))")
        }
        Terminal.clearProgress()
        let routed = try await route(store: store, configuration: configuration)
        if output.format == .json { return try Terminal.json(RunSummary(triage: report, routing: routed?.routing, delivery: routed?.delivery)) }
        Terminal.out("triage run \(report.runID) \(report.status.rawValue): \(report.triaged) triaged, \(report.failed) failed, $\(String(format: "%.4f", report.spentUSD)) spent, \(report.stillPending) still pending")
        if let routed {
            let w = routed.routing.written
            let delivery = routed.delivery ?? DeliveryReport()
            Terminal.out("routing: \(routed.routing.tickets) ticket(s) evaluated, \(w.firings) firing(s), \(w.escalations) escalation(s), \(w.notifications) notification(s)\(Route.writeBacks(w)) queued; delivered \(delivery.delivered), \(delivery.retryLater) to retry")
        }
        if report.failed > 0 { throw ExitStatus.partial.code }
        try LeaseReport.heldElsewhere(store: store)
        // The same exit statuses as `triage route`: 1 when delivery gave up on a row, 75 when some wait for a retry.
        try routed?.requireDelivered()
    }

    // MARK: - Backends

    /// Applies the routing rules to what is triaged and delivers the outbox, when rules are configured.
    private func route(store: TicketStore, configuration: TriageConfiguration) async throws -> RoutingService.Outcome? {
        guard !noRoute, let file = RulesFile.ifConfigured(explicit: rules.path, configuration: configuration,
                                                          configurationPath: global.workspace.configurationPath) else { return nil }
        return try await RoutingService(store: store, router: try file.router(),
                                        delivery: try global.outboxDelivery()).run()
    }

    private func runBatch(store: TicketStore, configuration: TriageConfiguration, logger: Logger) async throws {
        guard backend == .claude else {
            throw CommandFailure("--batch sends the work to Claude's Message Batches API: use it with --backend claude", status: .failure)
        }
        let batchTriage = BatchTriage(store: store, claude: try BackendFactory(global: global, templates: templates).claude(configuration: configuration, logger: logger), logger: logger)
        do {
            if let resolveSubmission, let (placeholder, batchID) = Self.submissionResolution(resolveSubmission) {
                try await batchTriage.resolveSubmission(placeholderID: placeholder, batchID: batchID)
            }
            // Collect what earlier runs submitted (resumes after a restart), then submit what is still pending.
            let collected = try await batchTriage.collect(wait: wait)
            let submission = dryRun ? nil : try await batchTriage.submit(limit: limit, budgetUSD: budget, recovering: false)
            if output.format == .json {
                return try Terminal.json(BatchRunSummary(collectedBatches: collected.collected, stillProcessing: collected.stillProcessing,
                                                         triaged: collected.triaged, errored: collected.errored, expired: collected.expired,
                                                         spentUSD: collected.spentUSD, submittedBatch: submission?.batchID,
                                                         submittedTickets: submission?.tickets ?? 0))
            }
            Terminal.out("collected \(collected.collected.count) batch(es): \(collected.triaged) triaged, \(collected.errored) errored, \(collected.expired) expired (re-queued), $\(String(format: "%.4f", collected.spentUSD)); \(collected.stillProcessing.count) still processing")
            if let submission {
                Terminal.out("submitted batch \(submission.batchID) with \(submission.tickets) ticket(s); run `triage run --backend claude --batch` later (or with --wait) to collect")
            } else if !dryRun {
                Terminal.out("nothing new to submit")
            }
        } catch let error as AnthropicError {
            // Any API failure while submitting or collecting: the key or account (78), else unavailable (69).
            throw ClaudeRunStop(error) ?? CommandFailure("\(error)", status: .unavailable)
        } catch let error as NetworkError {
            throw CommandFailure("\(error)", status: .unavailable)
        }
    }

    /// `pending-…=msgbatch_…` → (placeholder, batch id); `=none` → (placeholder, nil).
    static func submissionResolution(_ text: String) -> (String, String?)? {
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, parts[0].hasPrefix("pending-"), !parts[1].isEmpty else { return nil }
        return (parts[0], parts[1] == "none" ? nil : parts[1])
    }
}

/// `triage run --format json`: the triage run and, when rules are configured, routing and delivery.
/// The triage report's fields stay at the top level; `routing` and `delivery` are added beside them.
private struct RunSummary: Encodable {
    var triage: TriageRunReport
    var routing: RoutingReport?
    var delivery: DeliveryReport?

    enum CodingKeys: String, CodingKey {
        case routing, delivery
    }

    func encode(to encoder: any Encoder) throws {
        try triage.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(routing, forKey: .routing)
        try container.encodeIfPresent(delivery, forKey: .delivery)
    }
}

/// `--batch --format json`.
private struct BatchRunSummary: Encodable {
    var collectedBatches: [String]
    var stillProcessing: [String]
    var triaged: Int
    var errored: Int
    var expired: Int
    var spentUSD: Double
    var submittedBatch: String?
    var submittedTickets: Int
}
