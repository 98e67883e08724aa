import AnthropicClient
import Foundation
import Logging
import TriageClassify
import TriageModel
import TriageStore

extension BatchTriage {
    /// What `collect(wait:)` stored.
    public struct CollectReport: Sendable, Hashable {
        /// Batches whose results were stored (and are now closed).
        public var collected: [String] = []
        /// Batches still processing (collect again later, or with `wait`).
        public var stillProcessing: [String] = []
        public var triaged = 0
        /// Valid-looking but unusable answers (recorded as `invalid_answer`; the ticket stays pending).
        public var invalid = 0
        public var errored = 0
        public var expired = 0
        public var canceled = 0
        public var spentUSD = 0.0
    }

    /// Stores the results of every open batch that has ended; with `wait`, polls each until it ends (backoff
    /// from `pollInterval` ×1.5 up to `maxPollInterval`). Safe to call again after a crash: entries already
    /// stored are skipped. Interrupted submissions are resolved first (`recoverSubmissions()`), so a batch
    /// found again is collected in the same call.
    public func collect(wait: Bool = false) async throws -> CollectReport {
        try await recoverSubmissionsBeforeWork()
        var report = CollectReport()
        for batch in try store.openBatches() {
            let status = wait
                ? try await claude.client.waitForBatch(id: batch.id, initialInterval: pollInterval, maxInterval: maxPollInterval)
                : try await claude.client.batch(id: batch.id)
            guard status.processingStatus == .ended else {
                try store.updateBatchStatus(id: batch.id, status: status.processingStatus.rawValue)
                report.stillProcessing.append(batch.id)
                continue
            }
            var batchReport = CollectReport()
            let items = Dictionary(uniqueKeysWithValues: try store.uncollectedBatchItems(batchID: batch.id).map { ($0.customID, $0) })
            for try await result in try await claude.client.batchResults(id: batch.id) {
                guard let item = items[result.customID] else { continue }
                try store(result, item: item, batch: batch, into: &batchReport)
            }
            try store.finishBatch(id: batch.id, status: status.processingStatus.rawValue)
            if let runID = batch.runID {
                try store.finishTriageRun(id: runID, status: .completed, triaged: batchReport.triaged,
                                          failed: batchReport.invalid + batchReport.errored + batchReport.expired + batchReport.canceled,
                                          spentUSD: try store.spentUSD(runID: runID))
            }
            logger.info("collected batch \(batch.id)", metadata: [
                "triaged": "\(batchReport.triaged)", "invalid": "\(batchReport.invalid)", "errored": "\(batchReport.errored)",
                "expired": "\(batchReport.expired)"])
            report.collected.append(batch.id)
            report.merge(batchReport)
        }
        return report
    }

    private func store(_ result: BatchResult, item: StoredBatchItem, batch: StoredBatch, into report: inout CollectReport) throws {
        switch result.outcome {
        case let .succeeded(message):
            let ticket = try store.ticketForTriage(id: item.ticketID)
            let text = textBuilder.text(for: ticket)
            var prepared = claude.prepare(text)
            // The placeholders can only be restored from the same content version the batch was built from.
            if ticket.contentHash != item.contentHash { prepared.redaction = RedactedText(text: "", replacements: [:]) }
            let interpreted = claude.interpret(message, prepared: prepared, ticket: text, isBatch: true)
            let outcome: LLMCallRecord.Outcome
            let problem: String?
            switch interpreted {
            case .success: (outcome, problem) = (.succeeded, nil)
            case let .failure(error): (outcome, problem) = (.invalidAnswer, error.description)
            }
            let call = claude.record(usage: message.usage, requestID: result.customID, started: batch.createdAt, latency: 0,
                                     outcome: outcome, error: problem, isBatch: true)
            if try store.saveBatchResult(batchID: batch.id, item: item, result: try? interpreted.get(), calls: [call], runID: batch.runID) {
                report.spentUSD += call.costUSD ?? 0
                if outcome == .succeeded { report.triaged += 1 } else { report.invalid += 1 }
            }
        case let .errored(error):
            // Errored entries are not billed; the record keeps the reason.
            let call = claude.record(usage: Usage(), requestID: result.customID, started: batch.createdAt, latency: 0,
                                     outcome: .failed, error: "batch entry errored: \(error.type.rawValue): \(error.message)", isBatch: true)
            if try store.saveBatchResult(batchID: batch.id, item: item, result: nil, calls: [call], runID: batch.runID) {
                report.errored += 1
            }
        case .expired:
            if try store.saveBatchResult(batchID: batch.id, item: item, result: nil, calls: [], runID: batch.runID) { report.expired += 1 }
        case .canceled, .unknown:
            if try store.saveBatchResult(batchID: batch.id, item: item, result: nil, calls: [], runID: batch.runID) { report.canceled += 1 }
        }
    }
}

extension BatchTriage.CollectReport {
    /// Adds `other`'s counts and collected batches (not its still-processing list, which a later report supersedes).
    mutating func merge(_ other: BatchTriage.CollectReport) {
        collected += other.collected
        triaged += other.triaged
        invalid += other.invalid
        errored += other.errored
        expired += other.expired
        canceled += other.canceled
        spentUSD += other.spentUSD
    }
}
