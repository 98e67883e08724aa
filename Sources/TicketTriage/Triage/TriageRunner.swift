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
/// keeps up to `concurrency` calls in flight, stops before the spend budget would be exceeded, and saves each
/// result with its model calls in one transaction the moment it arrives.
///
/// A ``ClaudeRunStop`` (rejected key, account, API unreachable) ends the run at the first answer that shows it:
/// the calls in flight are cancelled, the leases released, the run recorded as failed and the error rethrown.
///
/// Killed at any point, a rerun triages each remaining ticket once: saved results are never redone, leases of
/// the dead run expire. A ticket that fails keeps its lease until the run ends (one attempt per run) and is then
/// pending again for the next run. (A call in flight at the moment of the kill is paid but unrecorded; nothing else is.)
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
        var stop = false
        var remaining = limit ?? Int.max
        do {
            while !stop, remaining > 0 {
                try Task.checkCancellation()
                let tickets = try store.leasePendingTickets(owner: owner, limit: min(remaining, concurrency * 8),
                                                            leaseDuration: leaseDuration)
                if tickets.isEmpty { break }
                remaining -= tickets.count
                var unstarted = tickets[...]
                try await withThrowingTaskGroup(of: Outcome.self) { group in
                    var inFlight = 0
                    func startNext() async -> Bool {
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
                        group.addTask { try await classifyOne(ticket: ticket, text: text, reserved: estimate, runID: runID, owner: owner) }
                        return true
                    }
                    for _ in 0..<concurrency where await startNext() {}
                    while let outcome = try await group.next() {
                        inFlight -= 1
                        switch outcome {
                        case .triaged: report.triaged += 1
                        case .failed: report.failed += 1
                        }
                        report.spentUSD = await budget.spentUSD
                        progress?(TriageProgress(done: report.triaged, inFlight: inFlight, failed: report.failed, spentUSD: report.spentUSD))
                        if Task.isCancelled { stop = true }
                        _ = await startNext()
                    }
                }
                if !unstarted.isEmpty { try store.releaseLeases(owner: owner, ticketIDs: unstarted.map(\.id)) }
            }
        } catch {
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
        case triaged, failed
    }

    /// Throws only ``ClaudeRunStop``: the run stops at once (the group cancels the calls in flight).
    private func classifyOne(ticket: TicketForTriage, text: TicketText, reserved: Double, runID: Int64, owner: String) async throws -> Outcome {
        let classification: Classification
        do {
            classification = try await classifier.classify(text)
        } catch {
            await budget.settle(reserved: reserved, actual: 0)
            if error is ClaudeRunStop { throw error }
            if !(error is CancellationError) { logger.warning("ticket \(ticket.id): classification failed: \(error)") }
            // The lease is kept until the run ends, so this run does not pick the ticket up again.
            return .failed
        }
        let cost = classification.calls.compactMap(\.costUSD).reduce(0, +)
        await budget.settle(reserved: reserved, actual: cost)
        do {
            if let result = classification.result {
                try store.saveTriage(ticketID: ticket.id, contentHash: ticket.contentHash, result: result,
                                     calls: classification.calls, runID: runID, owner: owner)
                return .triaged
            }
            try store.recordCalls(classification.calls, ticketID: ticket.id, runID: runID)
            logger.warning("ticket \(ticket.id): no valid answer (\(classification.calls.last?.error ?? "no call")); it stays pending")
        } catch {
            logger.error("ticket \(ticket.id): could not save the triage result: \(error)")
        }
        return .failed
    }
}
