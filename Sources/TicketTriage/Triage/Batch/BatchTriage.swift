import AnthropicClient
import Foundation
import Logging
import TriageClassify
import TriageModel
import TriageNetwork
import TriageStore

/// Triage through the Message Batches API (half price, results within 24 hours): `submit()` journals the pending
/// tickets as a submission, sends them as one batch and records its id; `collect(wait:)` — in the same process or
/// after a restart — stores the results of every ended batch. Errored, expired, canceled and invalid entries are
/// recorded where they cost something and otherwise left pending, so the next `submit()` sends them again.
///
/// A submission interrupted between the API creating the batch and the store recording its id is found again
/// by `recoverSubmissions()` (run at the start of `submit()` and `collect(wait:)`), never sent twice.
///
/// ```swift
/// let batch = BatchTriage(store: store, claude: claude, logger: logger)
/// if let submission = try await batch.submit() { print("batch \(submission.batchID): \(submission.tickets) tickets") }
/// let report = try await batch.collect(wait: true)
/// ```
public struct BatchTriage: Sendable {
    public var store: TicketStore
    public var claude: ClaudeClassifier
    public var textBuilder = TicketTextBuilder()
    /// Most tickets per batch (the API allows 100,000 requests or 256 MB).
    public var maxRequestsPerBatch = 10_000
    /// First wait between polls with `collect(wait: true)`; grows ×1.5 per poll up to `maxPollInterval`.
    public var pollInterval: Duration = .seconds(10)
    public var maxPollInterval: Duration = .seconds(120)
    /// The wall clock: journal times and the age of interrupted submissions (tests move it).
    public var now: @Sendable () -> Date = { Date() }
    public var logger: Logger

    public init(store: TicketStore, claude: ClaudeClassifier, logger: Logger) {
        self.store = store
        self.claude = claude
        self.logger = logger
    }

    // MARK: - Submit

    /// What `submit()` sent.
    public struct Submission: Sendable, Hashable {
        public var batchID: String
        public var runID: Int64
        public var tickets: Int
        /// Worst case at batch prices (`nil` for a model without prices).
        public var maximumCostUSD: Double?
    }

    /// Sends up to `limit` pending tickets not already in an open batch as one batch, stopping before the
    /// worst-case batch cost would pass `budgetUSD`. Returns `nil` when there is nothing to send.
    ///
    /// Interrupted submissions are resolved first (`recoverSubmissions()`) unless `recovering` is `false` because
    /// `collect()` just did it (so a run does not warn twice about the same one). The submission is journaled before
    /// the batch is created: if creating it fails with an answer from the API the journal entry is dropped and
    /// the tickets are pending again; if it fails without one (timeout, lost connection) the entry stays, and a
    /// later `submit()` or `collect()` finds the batch or, an hour on, gives the tickets back.
    public func submit(limit: Int? = nil, budgetUSD: Double? = nil, recovering: Bool = true) async throws -> Submission? {
        if recovering { try await recoverSubmissionsBeforeWork() }
        let tickets = try store.pendingTicketsOutsideBatches(limit: min(limit ?? maxRequestsPerBatch, maxRequestsPerBatch))
        var requests: [BatchRequest] = []
        var items: [StoredBatchItem] = []
        var worstCase: Double? = 0
        for ticket in tickets {
            let cost = maximumBatchCost(of: textBuilder.text(for: ticket))
            if let budgetUSD, let cost, let total = worstCase, total + cost > budgetUSD { break }
            worstCase = zip(worstCase, cost).map { $0 + $1 }
            let customID = Self.customID(ticketID: ticket.id, contentHash: ticket.contentHash)
            requests.append(BatchRequest(customID: customID, params: claude.prepare(textBuilder.text(for: ticket)).request))
            items.append(StoredBatchItem(customID: customID, ticketID: ticket.id, contentHash: ticket.contentHash))
        }
        guard !requests.isEmpty else { return nil }
        let runID = try store.beginTriageRun(backend: TriageBackend.claudeBatch.rawValue, budgetUSD: budgetUSD)
        let placeholder: String
        do {
            placeholder = try store.journalSubmission(runID: runID, model: claude.model, items: items, at: now())
        } catch {
            try? store.finishTriageRun(id: runID, status: .failed, triaged: 0, failed: 0, spentUSD: 0)
            throw error
        }
        let batch: MessageBatch
        do {
            batch = try await claude.client.createBatch(requests)
        } catch {
            if Self.batchWasNotCreated(by: error) {
                try store.abandonSubmission(placeholderID: placeholder)
                try? store.finishTriageRun(id: runID, status: .failed, triaged: 0, failed: 0, spentUSD: 0)
            } else {
                logger.warning("creating the batch failed without an answer from the API; the batch may exist", metadata: [
                    "submission": "\(placeholder)", "tickets": "\(items.count)",
                    "next": "the next `triage run --batch` looks for it and collects it, or releases the tickets after an hour"])
            }
            throw error
        }
        try store.confirmSubmission(placeholderID: placeholder, batchID: batch.id)
        logger.info("submitted batch \(batch.id) with \(items.count) tickets")
        return Submission(batchID: batch.id, runID: runID, tickets: items.count, maximumCostUSD: worstCase)
    }

    /// Whether a failed `createBatch` certainly created nothing: the API answered with an error status, or the
    /// request never left (refused locally, no connection). A timeout or a connection lost after sending — or an
    /// answer that could not be read — leaves the question open.
    static func batchWasNotCreated(by error: any Error) -> Bool {
        switch error {
        case let AnthropicError.api(apiError): !apiError.midStream
        case AnthropicError.invalidRequest: true
        case let AnthropicError.network(networkError, _): !networkError.requestMayHaveArrived
        default: false
        }
    }

    /// One call's worst case at batch prices (batch entries are not retried).
    public func maximumBatchCost(of ticket: TicketText) -> Double? {
        guard let twoCalls = claude.maximumCost(of: ticket) else { return nil }
        return twoCalls / 2 * (claude.catalog.spec(for: claude.model)?.batchPriceFactor ?? 0.5)
    }

    /// `t<ticket id>-<first 12 hex digits of the content hash>`: unique per content version, within
    /// `^[a-zA-Z0-9_-]{1,64}$`.
    public static func customID(ticketID: Int64, contentHash: String) -> String {
        let suffix = contentHash.unicodeScalars.filter { $0.isASCII && CharacterSet.alphanumerics.contains($0) }.prefix(12)
        return "t\(ticketID)-" + String(String.UnicodeScalarView(suffix))
    }
}

private func zip(_ a: Double?, _ b: Double?) -> (Double, Double)? {
    guard let a, let b else { return nil }
    return (a, b)
}
