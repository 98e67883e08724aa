import Foundation
import TriageModel
import TriageStore

/// What a help desk sync did: pages and tickets committed, where the cursor stands, and where the time went.
public struct SyncReport: Sendable, Codable {
    /// A ticket a dry run would fetch.
    public struct FetchedTicket: Sendable, Codable, Hashable {
        public var externalID: String
        public var subject: String
        public var updatedAt: Date?
        /// `new`, `updated` or `unchanged` compared with the store.
        public var change: String
    }

    public var vendor: String
    public var source: String
    public var cursorKey: String
    /// Where the pull started (`since …` or `cursor …`).
    public var startedFrom: String
    public var dryRun: Bool
    public var pages = 0
    public var counts = ImportCounts()
    /// The stored position after the last committed page (unchanged by a dry run).
    public var cursor: String?
    /// Seconds waiting for the API (pages and comments, rate-limit waits included).
    public var networkSeconds = 0.0
    /// Seconds mapping pages with the importer.
    public var mapSeconds = 0.0
    /// Seconds in store transactions.
    public var storeSeconds = 0.0
    public var importRunID: Int64?
    public var diagnosticCount = 0
    /// The tickets a dry run would store.
    public var fetched: [FetchedTicket] = []
    /// Why the sync stopped early; the pages before it are committed.
    public var error: String?
    /// `unauthorized`, `unavailable`, `rate_limited` or `failed` when `error` is set.
    public var errorKind: String?
    /// The exit status the stop means (the stopping error's own, see ``UserFacingError``) when `error` is set.
    public var stopStatus: ExitStatus?

    /// Tickets per second of store time (the throughput the store sustained, network apart).
    public var storeTicketsPerSecond: Double { storeSeconds > 0 ? Double(counts.total) / storeSeconds : 0 }
}
