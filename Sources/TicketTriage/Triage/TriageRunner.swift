import Foundation
import Logging
import TriageClassify
import TriageModel
import TriageStore

/// What a triage run did.
public struct TriageRunReport: Sendable, Codable {
    public var runID: Int64
    public var triaged = 0
    public var failed = 0
    public var spentUSD = 0.0
    public var status: TriageRunStatus = .completed
    /// Tickets still waiting after the run (budget, failures, limit).
    public var stillPending = 0
}

/// Progress of a running triage, a few times per second.
public struct TriageProgress: Sendable {
    public var done: Int
    public var inFlight: Int
    public var failed: Int
    public var spentUSD: Double
}

/// Triages the store's pending tickets with any `Classifier`: leases tickets so two runs never share one,
/// keeps up to `concurrency` calls in flight (leasing more tickets before the waiting ones run out, so the calls
/// in flight never drain between lease rounds), stops before the spend budget would be exceeded, and saves the
/// answers with their model calls in one transaction per `concurrency / 4` answers (and whenever no call is in
/// flight, and before the run ends or stops) — one commit per batch on the single writer instead of one per ticket.
///
/// A ``ClaudeRunStop`` (rejected key, account, API unreachable) ends the run at the first answer that shows it:
/// the calls in flight are cancelled, the leases released, the run recorded as failed and the error rethrown.
///
/// Killed at any point, a rerun triages each remaining ticket once: saved results are never redone, leases of
/// the dead run expire. A ticket that fails keeps its lease until the run ends (one attempt per run) and is then
/// pending again for the next run. (A call in flight at the moment of the kill is paid but unrecorded, and so are
/// the answers not yet written: at most `concurrency / 4`; a stop, an interruption or an error writes them first.)
public struct TriageRunner: Sendable {
    public var store: TicketStore
    public var classifier: any Classifier
    public var backendName: String
    public var concurrency: Int
    public var budget: SpendBudget
    public var textBuilder = TicketTextBuilder()
    public var leaseDuration: TimeInterval = 600
    /// Stop after this many tickets (nil: all pending).
    public var limit: Int?
    public var logger: Logger

    public init(store: TicketStore, classifier: any Classifier, backendName: String, concurrency: Int = 8,
                budgetUSD: Double? = nil, logger: Logger) {
        self.store = store
        self.classifier = classifier
        self.backendName = backendName
        self.concurrency = max(1, concurrency)
        self.budget = SpendBudget(limitUSD: budgetUSD)
        self.logger = logger
    }

    public func run(progress: (@Sendable (TriageProgress) -> Void)? = nil) async throws -> TriageRunReport {
        let runID = try store.beginTriageRun(backend: backendName, budgetUSD: await budget.limitUSD)
        // Names the run, its process and host: a later run can say who holds a ticket and take over from a dead one.
        let owner = LeaseOwner.current(runID: runID).text
        var report = TriageRunReport(runID: runID)
        var unsaved: [TriageSave] = []
        do {
            var stop = false
            var exhausted = false
            var remaining = limit ?? Int.max
            var unstarted = ArraySlice<TicketForTriage>()
            var stopError: (any Error)?
            let saveBatch = max(1, concurrency / 4)

            /// Leases the next tickets while fewer than `concurrency` wait, so the calls in flight never drain
            /// between lease rounds.
            func refill() throws {
                guard !stop, !exhausted, remaining > 0, unstarted.count < concurrency else { return }
                let tickets = try store.leasePendingTickets(owner: owner, limit: min(remaining, concurrency * 8),
                                                            leaseDuration: leaseDuration)
                if tickets.isEmpty { exhausted = true }
                remaining -= tickets.count
                unstarted.append(contentsOf: tickets)
            }
            try refill()
            await withTaskGroup(of: Outcome.self) { group in
                var inFlight = 0
                func startNext() async -> Bool {
                    if unstarted.count < concurrency {
                        do { try refill() } catch {
                            stopError = error
                            stop = true
                        }
                    }
                    guard !stop, let ticket = unstarted.popFirst() else { return false }
                    let text = textBuilder.text(for: ticket)
                    let estimate = (classifier as? any CostEstimating)?.maximumCost(of: text) ?? 0
                    guard await budget.reserve(estimate) else {
                        stop = true
                        report.status = .budgetExhausted
                        unstarted.insert(ticket, at: unstarted.startIndex)
                        return false
                    }
                    inFlight += 1
                    group.addTask { await classifyOne(ticket: ticket, text: text, reserved: estimate) }
                    return true
                }
                for _ in 0..<concurrency where await startNext() {}
                while let outcome = await group.next() {
                    inFlight -= 1
                    switch outcome {
                    case let .answered(save): unsaved.append(save)
                    case .failed: report.failed += 1
                    case let .stopped(error):
                        if stopError == nil {
                            stopError = error
                            stop = true
                            group.cancelAll()
                        }
                    }
                    if Task.isCancelled { stop = true }
                    // Start the next call before writing: the write then overlaps the calls in flight.
                    _ = await startNext()
                    if unsaved.count >= saveBatch || inFlight == 0 { flush(&unsaved, into: &report, runID: runID, owner: owner) }
                    report.spentUSD = await budget.spentUSD
                    progress?(TriageProgress(done: report.triaged, inFlight: inFlight, failed: report.failed, spentUSD: report.spentUSD))
                }
            }
            flush(&unsaved, into: &report, runID: runID, owner: owner)
            if let stopError { throw stopError }
            try Task.checkCancellation()
        } catch {
            flush(&unsaved, into: &report, runID: runID, owner: owner)
            try? store.releaseLeases(owner: owner)
            report.status = error is CancellationError ? .interrupted : .failed
            try? store.finishTriageRun(id: runID, status: report.status, triaged: report.triaged, failed: report.failed, spentUSD: report.spentUSD)
            throw error
        }
        try store.releaseLeases(owner: owner)
        report.spentUSD = await budget.spentUSD
        report.stillPending = try store.statistics().pendingTriage
        try store.finishTriageRun(id: runID, status: report.status, triaged: report.triaged, failed: report.failed, spentUSD: report.spentUSD)
        logger.info("triage run \(runID) \(report.status.rawValue)", metadata: [
            "triaged": "\(report.triaged)", "failed": "\(report.failed)", "spent_usd": "\(report.spentUSD)"])
        return report
    }

    private enum Outcome: Sendable {
        /// An answer (with or without a valid result) and its calls, to be saved.
        case answered(TriageSave)
        case failed
        /// A ``ClaudeRunStop``: the run stops at once.
        case stopped(any Error)
    }

    /// Writes the answers gathered so far in one transaction; should that fail, one by one, so one bad record
    /// costs only itself. Counts triaged tickets (a valid result) and failed ones (none, or not stored).
    private func flush(_ unsaved: inout [TriageSave], into report: inout TriageRunReport, runID: Int64, owner: String) {
        guard !unsaved.isEmpty else { return }
        let batch = unsaved
        unsaved.removeAll(keepingCapacity: true)
        func count(_ saves: [TriageSave]) {
            for save in saves {
                if save.result != nil { report.triaged += 1 } else { report.failed += 1 }
            }
        }
        do {
            try store.saveTriages(batch, runID: runID, owner: owner)
            count(batch)
        } catch {
            logger.warning("saving \(batch.count) triage results together failed (\(error)); saving them one by one")
            for save in batch {
                do {
                    try store.saveTriages([save], runID: runID, owner: owner)
                    count([save])
                } catch {
                    logger.error("ticket \(save.ticketID): could not save the triage result: \(error)")
                    report.failed += 1
                }
            }
        }
    }

    /// Classifies one ticket; the answer is saved by the run loop (``flush(_:into:runID:owner:)``).
    private func classifyOne(ticket: TicketForTriage, text: TicketText, reserved: Double) async -> Outcome {
        let classification: Classification
        do {
            classification = try await classifier.classify(text)
        } catch {
            await budget.settle(reserved: reserved, actual: 0)
            if error is ClaudeRunStop { return .stopped(error) }
            if !(error is CancellationError) { logger.warning("ticket \(ticket.id): classification failed: \(error)") }
            // The lease is kept until the run ends, so this run does not pick the ticket up again.
            return .failed
        }
        let cost = classification.calls.compactMap(\.costUSD).reduce(0, +)
        await budget.settle(reserved: reserved, actual: cost)
        if classification.result == nil {
            logger.warning("ticket \(ticket.id): no valid answer (\(classification.calls.last?.error ?? "no call")); it stays pending")
        }
        return .answered(TriageSave(ticketID: ticket.id, contentHash: ticket.contentHash, result: classification.result,
                                    calls: classification.calls))
    }
}
