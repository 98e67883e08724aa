import Foundation
import TriageClassify
import TriageStore

/// What `triage run --dry-run` reports: the tickets a run would triage and the most it could cost, with nothing
/// leased or written.
public struct TriageDryRun: Sendable, Encodable {
    public var backend: String
    public var tickets: Int
    /// The worst case in USD: each ticket's prompt at its full size and the answer at its token limit; 0 for the
    /// local model (no per-call price).
    public var maximumCostUSD: Double
    public var ticketIDs: [Int64]
    /// The first tickets (id, subject) for a text listing.
    public var sample: [Sample]

    public struct Sample: Sendable, Encodable {
        public var id: Int64
        public var subject: String
    }

    enum CodingKeys: String, CodingKey {
        case backend, tickets, maximumCostUSD, ticketIDs
    }

    /// Estimates the run of `classifier` over at most `limit` pending tickets of `store`.
    /// - Throws: ``StoreError`` when the store cannot be read.
    public static func estimate(store: TicketStore, classifier: any Classifier, backend: String,
                                limit: Int? = nil, sampleSize: Int = 50) throws -> TriageDryRun {
        let pending = try store.pendingTickets(limit: limit ?? 1_000_000)
        let builder = TicketTextBuilder()
        let estimator = classifier as? any CostEstimating
        let worst = pending.reduce(0.0) { $0 + (estimator?.maximumCost(of: builder.text(for: $1)) ?? 0) }
        return TriageDryRun(backend: backend, tickets: pending.count, maximumCostUSD: worst, ticketIDs: pending.map(\.id),
                            sample: pending.prefix(sampleSize).map { Sample(id: $0.id, subject: $0.subject) })
    }
}
