import Foundation
import Synchronization
import TriageModel
import TriageRules
import TriageStore

/// Applies a rules file to the store's triaged tickets: reads each ticket whose content version was not routed,
/// evaluates the rules (skipping rules already fired for that version), and records firings, escalations, the
/// routing changes and outbox rows in one transaction per batch.
///
/// ```swift
/// let router = try Router(rulesFile: url, departments: configuration.departments.map(\.name))
/// let report = try router.routeAll(store: store)
/// let delivery = await OutboxDelivery(transport: CurlTransport()).deliverDue(store: store)
/// ```
public struct Router: Sendable {
    public let engine: RuleEngine
    /// Tickets read and written per transaction.
    public var batchSize = 2000
    /// Threads evaluating a batch.
    public var concurrency = ProcessInfo.processInfo.activeProcessorCount

    /// Each rule's actions as JSON (written with every firing), encoded once.
    let actionsJSON: [String: String]

    public init(rules: RuleSet) {
        engine = RuleEngine(rules: rules)
        actionsJSON = Self.actionsJSON(of: rules)
    }

    /// Routes every triaged ticket whose current content version was not routed yet.
    ///
    /// A rule fires at most once per content version: rules already recorded for it are passed to the engine as
    /// `alreadyFired`, and the store ignores duplicate firings and idempotency keys. With `dryRun` nothing is
    /// written and the report says what would have been.
    public func routeAll(store: TicketStore, now: Date = Date(), dryRun: Bool = false) throws -> RoutingReport {
        var report = RoutingReport()
        report.dryRun = dryRun
        // Three stages overlap (WAL: readers run beside the writer): while batch N is evaluated, batch N+1 is read
        // on a background queue (keyset paging: its first id is known once batch N is read) and batch N-1 is
        // written on another. At most one read and one write are in flight; the first error stops the pass.
        // Batches, and the order of tickets in each, are the same as reading and evaluating one batch at a time.
        let writes = PendingWrites()
        let reads = PrefetchedRead()
        let batchSize = batchSize
        @Sendable func read(after id: Int64) throws -> [RoutingCandidate] {
            try store.routingCandidates(RoutingSelection(unroutedOnly: true, afterID: id, limit: batchSize))
        }
        var candidates = try read(after: 0)
        while let last = candidates.last {
            let lastID = last.ticket.id
            reads.start { try read(after: lastID) }
            let (records, tally) = evaluate(candidates, now: now, dryRun: dryRun)
            report.merge(tally)
            report.tickets += candidates.count
            if dryRun {
                report.written.tickets += records.count
            } else {
                do {
                    try writes.waitForPrevious()
                } catch {
                    _ = try? reads.wait()
                    throw error
                }
                let batch = records
                writes.submit { try store.recordRouting(batch, at: now) }
            }
            do {
                candidates = try reads.wait()
            } catch {
                try? writes.waitForPrevious()
                throw error
            }
        }
        if !dryRun {
            try writes.waitForPrevious()
            let counts = writes.counts
            report.written.tickets += counts.tickets
            report.written.firings += counts.firings
            report.written.escalations += counts.escalations
            report.written.notifications += counts.notifications
            report.written.writeBacks += counts.writeBacks
        }
        return report
    }

    /// Evaluates a batch and builds its records, split across `concurrency` threads (the engine is pure and
    /// `Sendable`). Records are in candidate order and the parts' tallies are merged in the same order, whatever
    /// the split.
    func evaluate(_ candidates: [RoutingCandidate], now: Date,
                  dryRun: Bool = false) -> (records: [RoutingRecord], tally: RoutingReport) {
        let count = candidates.count
        let parts = max(1, min(concurrency, count / 200))
        let chunk = (count + parts - 1) / parts
        var tallies = [RoutingReport](repeating: RoutingReport(dryRun: dryRun), count: parts)
        let records = tallies.withUnsafeMutableBufferPointer { tallyBuffer in
            [RoutingRecord](unsafeUninitializedCapacity: count) { recordBuffer, initialized in
                // Each part initializes its own range of the new array in place, and its own tally.
                let out = SharedSlots(records: recordBuffer.baseAddress, tallies: tallyBuffer.baseAddress)
                let work = { @Sendable (part: Int) in
                    var tally = RoutingReport(dryRun: dryRun)
                    for i in (part * chunk)..<min(count, (part + 1) * chunk) {
                        let candidate = candidates[i]
                        let subject = Self.subject(for: candidate, now: now)
                        let outcome = engine.evaluate(subject, alreadyFired: candidate.firedRuleIDs)
                        tally.tally(candidate: candidate, outcome: outcome)
                        (out.records! + i).initialize(to: Self.record(for: candidate, subject: subject,
                                                                      outcome: outcome, actionsJSON: actionsJSON))
                    }
                    out.tallies![part] = tally
                }
                if parts == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: work) }
                initialized = count
            }
        }
        var tally = RoutingReport(dryRun: dryRun)
        for part in tallies { tally.merge(part) }
        return (records, tally)
    }
}

/// Where the parts of a batch evaluation write: each part its own records range and its own tally slot.
private struct SharedSlots: @unchecked Sendable {
    let records: UnsafeMutablePointer<RoutingRecord>?
    let tallies: UnsafeMutablePointer<RoutingReport>?
}

/// The next batch's read, on a background queue.
private final class PrefetchedRead: Sendable {
    private let queue = DispatchQueue(label: "routing-reads")
    private let group = DispatchGroup()
    private let result = Mutex<Result<[RoutingCandidate], any Error>>(.success([]))

    func start(_ read: @escaping @Sendable () throws -> [RoutingCandidate]) {
        group.enter()
        queue.async { [self] in
            let value = Result { try read() }
            result.withLock { $0 = value }
            group.leave()
        }
    }

    /// Waits for the read in flight and returns its batch (rethrows its error).
    func wait() throws -> [RoutingCandidate] {
        group.wait()
        return try result.withLock { $0 }.get()
    }
}

/// One routing write at a time on a background queue, with the totals and the first error.
private final class PendingWrites: Sendable {
    private struct State {
        var error: (any Error)?
        var totals = RoutingWriteCounts()
    }

    private let queue = DispatchQueue(label: "routing-writes")
    private let group = DispatchGroup()
    private let state = Mutex(State())

    var counts: RoutingWriteCounts { state.withLock { $0.totals } }

    func submit(_ write: @escaping @Sendable () throws -> RoutingWriteCounts) {
        group.enter()
        queue.async { [self] in
            defer { group.leave() }
            do {
                let c = try write()
                state.withLock { state in
                    state.totals.tickets += c.tickets
                    state.totals.firings += c.firings
                    state.totals.escalations += c.escalations
                    state.totals.notifications += c.notifications
                    state.totals.writeBacks += c.writeBacks
                }
            } catch {
                state.withLock { $0.error = $0.error ?? error }
            }
        }
    }

    /// Waits for the write in flight; rethrows its error.
    func waitForPrevious() throws {
        group.wait()
        if let error = state.withLock({ $0.error }) { throw error }
    }
}
