import ArgumentParser
import Foundation
import HelpdeskAPI
import TicketTriage
import TriageModel
import TriageImport
import TriageNetwork
import TriageStore

struct Sync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Pull new and changed tickets from Zendesk, Freshdesk or Jira Service Management.",
        discussion: """
            Reads the help desk's API page by page, maps each page with the same importer as its export files (a
            synced ticket and a later import of the same ticket are one ticket) and stores the position after each
            committed page: a killed sync goes on where it stopped. The first run needs --since; later runs
            continue from the stored cursor. Credentials come from the environment or triage.yml (never from
            arguments, never printed):

              export ZENDESK_BASE_URL=https://acme.zendesk.com ZENDESK_EMAIL=bot@acme.com ZENDESK_API_TOKEN=…
              triage sync zendesk --since 2026-11-01
              triage sync zendesk && triage run && triage digest --send
            """)

    enum Vendor: String, ExpressibleByArgument, CaseIterable {
        case zendesk, freshdesk, jsm
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The help desk: zendesk, freshdesk or jsm.")
    var vendor: Vendor

    @Option(help: ArgumentHelp("Start from this date (YYYY-MM-DD or ISO 8601, UTC unless it has an offset) instead of the stored cursor.",
                               valueName: "date"))
    var since: String?

    @Flag(help: "Fetch and show what would be stored; store nothing and leave the cursor where it is.")
    var dryRun = false

    func validate() throws {
        if let since, Self.parse(since) == nil {
            throw ValidationError("--since \"\(since)\" is not a date: use YYYY-MM-DD or an ISO 8601 time")
        }
    }

    static func parse(_ text: String) -> Date? {
        FlexibleDateParser(defaultTimeZone: TimeZone(identifier: "UTC")!).date(from: text)
    }

    func run() async throws {
        let configuration = try global.loadConfiguration()
        let configPath = global.workspace.configurationPath
        let source = try configuration.helpdesk.source(vendor.rawValue, environment: global.environment, transport: CurlTransport(),
                                         configFile: configPath ?? "triage.yml")
        let store = try global.openStore()
        var options = configuration.importOptions(source: nil, mapping: nil)
        options.source = nil
        var sync = HelpdeskSync(store: store, source: source, options: options, logger: global.logger())
        sync.threadWindow = configuration.import.threadWindowDays * 86400
        let report = try await sync.run(since: since.flatMap(Self.parse), dryRun: dryRun) { progress in
            Terminal.progress("syncing \(progress.vendor): \(progress.pages) pages, \(progress.counts.total) tickets (\(progress.counts.new) new, \(progress.counts.updated) updated)")
        }
        Terminal.clearProgress()
        if output.format == .json {
            try Terminal.json(report)
        } else {
            if dryRun {
                for ticket in report.fetched {
                    Terminal.out("\(ticket.change)\t\(report.source):\(ticket.externalID)\t\(ticket.subject)")
                }
            }
            Terminal.out(Self.summary(report))
        }
        if let error = report.error {
            Terminal.error(error)
            throw (report.stopStatus ?? .failure).code
        }
        if report.counts.failed > 0 { throw ExitStatus.partial.code }
    }

    static func summary(_ r: SyncReport) -> String {
        let c = r.counts
        let verb = r.dryRun ? "would store" : "stored"
        let status = r.error != nil ? "STOPPED" : "done"
        return "sync \(r.vendor) [\(r.cursorKey)] from \(r.startedFrom): \(status) — \(r.pages) pages, \(verb) \(c.new) new, \(c.updated) updated, \(c.unchanged) unchanged, \(c.failed) failed; network \(String(format: "%.2f", r.networkSeconds)) s, store \(String(format: "%.2f", r.storeSeconds)) s"
    }
}
