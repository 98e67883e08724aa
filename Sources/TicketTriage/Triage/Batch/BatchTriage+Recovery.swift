import AnthropicClient
import Foundation
import Logging
import TriageClassify
import TriageStore

extension BatchTriage {
    /// How far before a journaled submission a batch may have been created and still be its batch (clock skew
    /// between this machine and the API).
    public static let recoverySlack: TimeInterval = 600
    /// How long a journaled submission with no matching batch waits before its tickets are given back.
    public static let recoveryGiveUpAge: TimeInterval = 3600

    /// What `recoverSubmissions()` did with each journaled submission.
    public struct RecoveryReport: Sendable, Hashable {
        /// Placeholder → the API batch it turned out to be (collected like any other batch from now on).
        public var adopted: [String: String] = [:]
        /// Placeholders removed because no batch arrived within `recoveryGiveUpAge`; their tickets are pending again.
        public var abandoned: [String] = []
        /// Placeholders left as they are (too young to give up on, or several batches match), with the reason.
        public var unresolved: [String: String] = [:]
    }

    /// Resolves submissions journaled but never confirmed (the process died, or creating the batch failed with no
    /// answer): lists the workspace's recent batches — back to the oldest submission's time minus
    /// `recoverySlack` — and takes as candidates those created in [journal time − slack, now] with exactly the
    /// submission's request count and an id the store does not know.
    ///
    /// - one candidate: the submission becomes that batch;
    /// - none, and the submission is older than `recoveryGiveUpAge`: the batch never arrived; its tickets are
    ///   pending again;
    /// - otherwise the submission stays (its tickets stay out of new batches) and a warning says what to do.
    @discardableResult
    public func recoverSubmissions() async throws -> RecoveryReport {
        var report = RecoveryReport()
        let pending = try store.pendingSubmissions()
        guard let oldest = pending.map(\.createdAt).min() else { return report }
        let now = now()
        let recent = try await batchesCreated(since: oldest.addingTimeInterval(-Self.recoverySlack))
        var known = try store.knownBatchIDs(among: recent.map(\.batch.id))
        for submission in pending {
            let earliest = submission.createdAt.addingTimeInterval(-Self.recoverySlack)
            let candidates = recent.filter { entry in
                entry.created >= earliest && entry.created <= now && !known.contains(entry.batch.id)
                    && entry.batch.requestCounts.total == submission.requestCount
            }.map(\.batch.id)
            let age = now.timeIntervalSince(submission.createdAt)
            let metadata: Logger.Metadata = [
                "submission": "\(submission.placeholderID)", "requests": "\(submission.requestCount)",
                "journaled": "\(SQLDate.string(submission.createdAt))"]
            if candidates.count == 1, let batchID = candidates.first {
                try store.confirmSubmission(placeholderID: submission.placeholderID, batchID: batchID)
                known.insert(batchID)
                report.adopted[submission.placeholderID] = batchID
                logger.notice("found the batch of an interrupted submission: \(batchID)", metadata: metadata)
            } else if candidates.isEmpty && age > Self.recoveryGiveUpAge {
                try store.abandonSubmission(placeholderID: submission.placeholderID)
                if let runID = submission.runID {
                    try? store.finishTriageRun(id: runID, status: .failed, triaged: 0, failed: 0, spentUSD: 0, at: now)
                }
                report.abandoned.append(submission.placeholderID)
                logger.warning("an interrupted submission never reached the API; its tickets are pending again", metadata: metadata)
            } else if candidates.isEmpty {
                let reason = "no batch with \(submission.requestCount) requests since \(SQLDate.string(earliest)) yet"
                report.unresolved[submission.placeholderID] = reason
                logger.warning("""
                    interrupted submission \(submission.placeholderID) not resolved: \(reason); its tickets stay out of \
                    new batches until the batch shows up or the submission is an hour old, when they are sent again
                    """, metadata: metadata)
            } else {
                let reason = "\(candidates.count) batches match (\(candidates.joined(separator: ", ")))"
                report.unresolved[submission.placeholderID] = reason
                logger.warning("""
                    interrupted submission \(submission.placeholderID) not resolved: \(reason); its tickets stay out of \
                    new batches. Check those batches in the Console and cancel any that are not wanted, then run \
                    `triage run --backend claude --batch --resolve-submission \(submission.placeholderID)=BATCH_ID` \
                    with the one that holds these tickets (or `=none` to send them again)
                    """, metadata: metadata)
            }
        }
        return report
    }

    /// `recoverSubmissions()` for `submit()` and `collect()`: an API failure while listing is logged, not thrown —
    /// unresolved submissions keep their tickets out of new batches anyway, and other batches can still be collected.
    func recoverSubmissionsBeforeWork() async throws {
        do {
            try await recoverSubmissions()
        } catch let error as AnthropicError {
            logger.warning("could not look for the batches of interrupted submissions; trying again next run", metadata: [
                "error": "\(error)"])
        }
    }

    /// Settles one journaled submission by hand, when recovery could not: `batchID` is the API batch that holds its
    /// tickets (checked: it exists, has the submission's request count and is not recorded for other tickets), or
    /// `nil` to drop the submission and let its tickets be sent again.
    public func resolveSubmission(placeholderID: String, batchID: String?) async throws {
        guard let submission = try store.pendingSubmissions().first(where: { $0.placeholderID == placeholderID }) else {
            throw BatchRecoveryError.noSuchSubmission(placeholderID)
        }
        guard let batchID else {
            try store.abandonSubmission(placeholderID: placeholderID)
            if let runID = submission.runID {
                try? store.finishTriageRun(id: runID, status: .failed, triaged: 0, failed: 0, spentUSD: 0, at: now())
            }
            logger.notice("dropped journaled submission \(placeholderID) by request; its tickets are pending again")
            return
        }
        let batch = try await claude.client.batch(id: batchID)
        guard batch.requestCounts.total == submission.requestCount else {
            throw BatchRecoveryError.countMismatch(placeholderID, batchID: batchID, expected: submission.requestCount,
                                                   found: batch.requestCounts.total)
        }
        guard try store.knownBatchIDs(among: [batchID]).isEmpty else {
            throw BatchRecoveryError.alreadyRecorded(batchID)
        }
        try store.confirmSubmission(placeholderID: placeholderID, batchID: batchID)
        logger.notice("journaled submission \(placeholderID) is batch \(batchID) (set by hand)")
    }

    /// The workspace's batches created at or after `date` (and any without a readable creation time skipped),
    /// newest first, paging until a page reaches older batches.
    private func batchesCreated(since date: Date) async throws -> [(batch: MessageBatch, created: Date)] {
        var found: [(batch: MessageBatch, created: Date)] = []
        var cursor: String?
        while true {
            let page = try await claude.client.listBatches(limit: 100, afterID: cursor)
            var reachedOlder = false
            for batch in page.data {
                guard let created = batch.createdDate else { continue }
                if created < date { reachedOlder = true } else { found.append((batch, created)) }
            }
            guard page.hasMore, !reachedOlder, let last = page.lastID else { return found }
            cursor = last
        }
    }
}

/// Why `resolveSubmission(placeholderID:batchID:)` refused.
public enum BatchRecoveryError: Error, Sendable, Equatable, CustomStringConvertible {
    case noSuchSubmission(String)
    case countMismatch(String, batchID: String, expected: Int, found: Int)
    case alreadyRecorded(String)

    public var description: String {
        switch self {
        case let .noSuchSubmission(id):
            "no journaled submission \(id) (it may be resolved already; the warnings of `triage run --batch` name the open ones)"
        case let .countMismatch(id, batchID, expected, found):
            "batch \(batchID) has \(found) requests but submission \(id) sent \(expected): it is not that submission's batch"
        case let .alreadyRecorded(batchID):
            "batch \(batchID) is already recorded for other tickets; pick another batch or `none`"
        }
    }
}
