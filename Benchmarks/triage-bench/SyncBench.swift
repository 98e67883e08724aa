import ArgumentParser
import Foundation
import HelpdeskAPI
import Logging
import TicketTriage
import TriageImport
import TriageModel
import TriageNetwork
import TriageStore
import TriageTestSupport

/// `triage-bench sync`: a Zendesk sync of N tickets from the fake Zendesk on loopback, its store throughput with
/// network time reported apart, against importing the same pages from a file (baseline) and storing the already
/// mapped tickets alone (the store's limit).
struct SyncBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Sync benchmark: N tickets from the fake Zendesk (1,000 per page) into a fresh store.")

    @Option(help: "Number of tickets.") var tickets = 100_000
    @Option(help: "Folder for the stores (a `sync` folder inside it is used, so no other export's companion files are read).")
    var dir = "Benchmarks/data"
    @Flag(help: "Also read each ticket's comments (one request per ticket).") var comments = false

    func run() async throws {
        let dir = self.dir + "/sync"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let sample = FakeHelpdeskTicket.sample(count: tickets, spacing: 2)
        let fake = try await FakeZendeskServer.start(tickets: sample)
        defer { Task { await fake.stop() } }
        var client = ZendeskClient(connection: HelpdeskConnection(
            vendor: "Zendesk", baseURL: fake.baseURL, credentials: .zendeskToken(email: fake.email, token: fake.token),
            transport: CurlTransport()))
        client.includeComments = comments
        let logger = Logger(label: "bench")
        print("data: \(tickets) tickets from the fake Zendesk on loopback, 1,000 per page, comments \(comments ? "fetched per ticket" : "not fetched (description only)")")

        // 1. The sync: fetch, map with the Zendesk importer, store page + cursor per transaction.
        let syncPath = fresh("sync-\(tickets).sqlite")
        let clock = ContinuousClock()
        let start = clock.now
        let report = try await HelpdeskSync(store: try TicketStore(path: syncPath), source: client, options: ImportOptions(), logger: logger)
            .run(since: Date(timeIntervalSince1970: 0), dryRun: false)
        let wall = BenchSupport.seconds(clock.now - start)
        if let error = report.error { throw ValidationError(error) }
        print(String(format: "sync: %d tickets in %.2f s wall (%.0f tickets/s end to end): network %.2f s, mapping %.2f s, store %.2f s",
                     report.counts.new, wall, Double(report.counts.new) / wall, report.networkSeconds, report.mapSeconds, report.storeSeconds))
        let syncRate = report.storeTicketsPerSecond
        print(String(format: "sync store throughput: %.0f tickets/s (target ≥ 5,000)", syncRate))

        // 2. Baseline: the same pages written to one export file and imported by the file pipeline.
        var pages: [SyncPage] = []
        var position: SyncPosition? = .since(Date(timeIntervalSince1970: 0))
        while let current = position {
            let page = try await client.fetchPage(current)
            pages.append(page)
            position = page.next
        }
        let exportPath = "\(dir)/sync-export-\(tickets).jsonl"
        FileManager.default.createFile(atPath: exportPath, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: exportPath))
        var mapped: [ImportedTicket] = []
        for page in pages {
            let object = try JSONSerialization.jsonObject(with: page.document) as? [String: Any] ?? [:]
            for ticket in object["tickets"] as? [Any] ?? [] {
                handle.write(try JSONSerialization.data(withJSONObject: ticket))
                handle.write(Data("\n".utf8))
            }
        }
        try handle.close()
        let importPath = fresh("sync-baseline-\(tickets).sqlite")
        var pipeline = ImportPipeline(store: try TicketStore(path: importPath), logger: logger)
        pipeline.batchSize = 1000
        let importStart = clock.now
        let imported = pipeline.importFile(URL(fileURLWithPath: exportPath), format: .zendeskJSON, options: ImportOptions())
        let importSeconds = BenchSupport.seconds(clock.now - importStart)
        let importRate = Double(imported.counts.new) / importSeconds
        print(String(format: "baseline file import of the same tickets (1,000 per transaction): %.0f tickets/s (parse + store)", importRate))

        // 3. The store's limit: the mapped tickets stored alone, 1,000 per transaction, no cursor.
        try ZendeskJSONImporter().read(URL(fileURLWithPath: exportPath), options: ImportOptions(), diagnostics: DiagnosticCollector()) {
            mapped.append($0.ticket)
        }
        let prepared = mapped.map(PreparedTicket.init)
        let limitStore = try TicketStore(path: fresh("sync-limit-\(tickets).sqlite"))
        let limitStart = clock.now
        var offset = 0
        while offset < prepared.count {
            _ = try limitStore.upsert(Array(prepared[offset..<min(offset + 1000, prepared.count)]), runID: nil)
            offset += 1000
        }
        let limitRate = Double(prepared.count) / BenchSupport.seconds(clock.now - limitStart)
        print(String(format: "limit: the store alone (prepared tickets, 1,000 per transaction): %.0f tickets/s", limitRate))
        print(String(format: "ratios: sync store / store limit = %.2f; sync store / file import = %.2f; sync end to end / file import = %.2f",
                     syncRate / limitRate, syncRate / importRate, Double(report.counts.new) / wall / importRate))
        try? FileManager.default.removeItem(atPath: exportPath)
    }

    private func fresh(_ name: String) -> String {
        let path = "\(dir)/sync/\(name)"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        return path
    }
}
