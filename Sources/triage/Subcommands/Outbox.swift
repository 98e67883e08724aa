import ArgumentParser
import Foundation
import TriageModel
import TicketTriage
import TriageModel
import TriageStore

/// `triage outbox list|retry`: inspect the webhook outbox and send rows again.
struct Outbox: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Inspect the webhook outbox and retry rows delivery gave up on.",
        discussion: """
            Every notification a rule queues is an outbox row until a receiver answers 2xx. Rows that got a 4xx or
            failed too often are kept as failed; `retry` makes them due again and delivers.
              triage outbox list --failed
              triage outbox retry 17 18
              triage outbox retry --all-failed --no-delivery
            Targets are shown by host and port only: webhook URLs often carry their token in the path or the query.
            """,
        subcommands: [ListRows.self, Retry.self],
        defaultSubcommand: ListRows.self)

    /// One row as `outbox list` prints it: the target's host, never the URL.
    struct Row: Encodable {
        var id: Int64
        var kind: String
        var targetHost: String
        var ruleID: String?
        var ticket: String?
        var state: String
        var createdAt: Date
        var attempts: Int
        var lastError: String?
        var nextAttemptAt: Date?
        var deliveredAt: Date?
        var failedAt: Date?

        init(_ e: OutboxEntry) {
            id = e.id
            kind = e.kind
            targetHost = TargetRedaction.hostAndPort(of: e.target)
            ruleID = e.ruleID
            ticket = e.ticket
            state = e.state.rawValue
            createdAt = e.createdAt
            attempts = e.attempts
            lastError = e.lastError.map { TargetRedaction.redact($0, target: e.target) }
            nextAttemptAt = e.nextAttemptAt
            deliveredAt = e.deliveredAt
            failedAt = e.failedAt
        }
    }

    static func table(_ rows: [Row]) -> String {
        func time(_ date: Date?) -> String { date.map { String(SQLDate.string($0).prefix(19)) } ?? "-" }
        var table = TextTable(headers: ["ID", "KIND", "HOST", "STATE", "RULE", "TICKET", "CREATED", "ATTEMPTS",
                                        "NEXT ATTEMPT", "DELIVERED/FAILED", "LAST ERROR"])
        for r in rows {
            table.rows.append([
                String(r.id), r.kind, TextTable.clip(r.targetHost, 32), r.state, TextTable.clip(r.ruleID ?? "-", 24),
                TextTable.clip(r.ticket ?? "-", 24), time(r.createdAt), String(r.attempts), time(r.nextAttemptAt),
                time(r.deliveredAt ?? r.failedAt), TextTable.clip(r.lastError ?? "-", 60),
            ])
        }
        return table.render()
    }

    // MARK: - list

    struct ListRows: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List outbox rows (default: everything not delivered), oldest first.")

        enum Which: String, EnumerableFlag {
            case undelivered, pending, failed, delivered, all

            static func help(for value: Which) -> ArgumentHelp? {
                switch value {
                case .undelivered: "Rows not delivered: pending and failed (the default)."
                case .pending: "Rows waiting for delivery (including those backing off)."
                case .failed: "Rows delivery gave up on."
                case .delivered: "Rows delivered."
                case .all: "Every row."
                }
            }

            var states: Set<OutboxEntry.State> {
                switch self {
                case .undelivered: [.pending, .failed]
                case .pending: [.pending]
                case .failed: [.failed]
                case .delivered: [.delivered]
                case .all: Set(OutboxEntry.State.allCases)
                }
            }
        }

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Flag var which: Which = .undelivered
        @Option(help: "How many rows at most.") var limit: Int?

        func run() throws {
            let store = try global.openReadOnlyStore()
            let rows = try store.outboxEntries(states: which.states, limit: limit).map(Row.init)
            if output.format == .json { return try Terminal.json(rows) }
            if rows.isEmpty { return Terminal.err("no \(which == .all ? "" : "\(which.rawValue) ")outbox rows") }
            Terminal.out(Outbox.table(rows))
        }
    }

    // MARK: - retry

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make outbox rows due again (failed ones included), then deliver.",
            discussion: """
                Clears the give-up mark and the backoff of each row, keeping its attempt count, then delivers every
                due row (unless --no-delivery). Rows already delivered are not sent again.
                Exit status: 0 when every retried row was delivered (or --no-delivery); 75 when some will be
                retried later; 1 when delivery gave up on some again; 66 for an unknown row id.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "Outbox row ids (see `triage outbox list`).") var ids: [Int64] = []
        @Flag(help: "Retry every row delivery gave up on.") var allFailed = false
        @Flag(help: "Only make the rows due; the next `triage route` or `outbox retry` delivers them.") var noDelivery = false
        @Option(help: "Seconds one webhook POST may take.") var timeout: Double = 10

        struct Summary: Encodable {
            var retried: [Int64]
            var delivery: DeliveryReport?
            var rows: [Row]
        }

        func validate() throws {
            if ids.isEmpty == !allFailed { throw ValidationError("give outbox row ids or --all-failed (not both)") }
            if timeout <= 0 { throw ValidationError("--timeout must be positive") }
        }

        func run() async throws {
            let store = try global.openExistingStore()
            let retried: [Int64]
            if allFailed {
                retried = try store.retryFailedOutbox()
            } else {
                let known = try store.outboxEntries(ids: ids)
                let unknown = Set(ids).subtracting(known.map(\.id)).sorted()
                if !unknown.isEmpty {
                    throw CommandFailure("no outbox row \(unknown.map(String.init).joined(separator: ", ")); "
                                         + "see `triage outbox list --all`", status: .noInput)
                }
                for entry in known where entry.state == .delivered {
                    Terminal.err("row \(entry.id) was delivered at \(entry.deliveredAt.map(SQLDate.string) ?? "?"); not sent again")
                }
                retried = try store.retryOutbox(ids: ids)
            }
            var summary = Summary(retried: retried, rows: [])
            if !noDelivery && !retried.isEmpty {
                let policy = DeliveryPolicy(timeout: .milliseconds(Int64(timeout * 1000)))
                summary.delivery = try await global.outboxDelivery(policy: policy).deliverDue(store: store, tryNow: Set(retried))
            }
            summary.rows = try store.outboxEntries(ids: retried).map(Row.init)
            if output.format == .json {
                try Terminal.json(summary)
            } else {
                Terminal.out(retried.isEmpty ? "Nothing to retry"
                             : "Retried \(retried.count) row(s)" + (noDelivery ? "; they are due now" : ""))
                if let d = summary.delivery {
                    Terminal.out("Delivered \(d.delivered) outbox row(s); \(d.retryLater) to retry later, \(d.gaveUp) given up, "
                                 + "\(d.failedAttempts) failed attempt(s)")
                }
                if !summary.rows.isEmpty { Terminal.out(Outbox.table(summary.rows)) }
            }
            guard !noDelivery else { return }
            if summary.rows.contains(where: { $0.state == OutboxEntry.State.failed.rawValue }) {
                throw CommandFailure("delivery gave up on some rows again (see LAST ERROR)", status: .failure)
            }
            if summary.rows.contains(where: { $0.state == OutboxEntry.State.pending.rawValue }) {
                throw CommandFailure("some rows are not delivered yet; they are retried after their backoff",
                                 status: .temporary)
            }
        }
    }
}
