import ArgumentParser
import Foundation
import TriageModel
import TriageStore

/// `triage batches`: the Message Batches submitted for triage, with what they still wait for.
struct Batches: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the Message Batches submitted for triage, newest first.",
        discussion: """
            STATUS is the API's processing status as last seen (in_progress, canceling, ended), or `submitting` for
            a submission journaled before the API answered (the next `triage run --batch` looks for its batch; see
            --resolve-submission). WAITING counts entries whose result is not stored yet; `triage run --batch`
            collects ended batches.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "How many batches at most.") var limit = 50

    /// One batch as `triage batches` prints it.
    struct Row: Encodable {
        var id: String
        var status: String
        var model: String
        var createdAt: Date
        var collectedAt: Date?
        var requests: Int
        var waiting: Int
        var runID: Int64?
        var costUSD: Double

        init(_ o: BatchOverview) {
            id = o.batch.id
            status = o.batch.status
            model = o.batch.model
            createdAt = o.batch.createdAt
            collectedAt = o.batch.collectedAt
            requests = o.requests
            waiting = o.waiting
            runID = o.batch.runID
            costUSD = o.costUSD
        }
    }

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let store = try global.openExistingStore()
        let rows = try store.batchOverview(limit: limit).map(Row.init)
        if output.format == .json { return try Terminal.json(rows) }
        if rows.isEmpty { return Terminal.err("no batches (`triage run --backend claude --batch` submits one)") }
        func time(_ date: Date?) -> String { date.map { String(SQLDate.string($0).prefix(19)) } ?? "-" }
        var table = TextTable(headers: ["BATCH", "STATUS", "MODEL", "CREATED", "REQUESTS", "WAITING", "COLLECTED", "COST"])
        for r in rows {
            table.rows.append([r.id, r.status, r.model, time(r.createdAt), String(r.requests), String(r.waiting),
                               time(r.collectedAt), String(format: "$%.4f", r.costUSD)])
        }
        Terminal.out(table.render())
    }
}
