import Foundation
import GRDB
import TriageModel

/// One ticket's outcome for ``TicketStore/saveTriages(_:runID:owner:at:)``.
public struct TriageSave: Sendable {
    public var ticketID: Int64
    public var contentHash: String
    /// `nil`: no valid answer — the calls are recorded, the ticket stays pending and keeps its lease.
    public var result: TriageResult?
    public var calls: [LLMCallRecord]

    public init(ticketID: Int64, contentHash: String, result: TriageResult?, calls: [LLMCallRecord]) {
        self.ticketID = ticketID
        self.contentHash = contentHash
        self.result = result
        self.calls = calls
    }
}

extension TicketStore {
    /// Saves several tickets' outcomes in one transaction: for each, the model calls, and when there is a result the
    /// result, the triaged mark and the release of its lease — what ``saveTriage(ticketID:contentHash:result:calls:runID:owner:at:)``
    /// does for one, at one commit for all (the triage runner's write path: one commit per batch of answers
    /// instead of one per ticket on the single writer).
    ///
    /// All or nothing: when it throws, nothing of the batch is stored.
    public func saveTriages(_ saves: [TriageSave], runID: Int64?, owner: String?, at date: Date = Date()) throws {
        guard !saves.isEmpty else { return }
        try write("saving the triage of \(saves.count) ticket(s)") { db in
            for save in saves {
                try Self.insertCalls(save.calls, ticketID: save.ticketID, runID: runID, db)
                guard let result = save.result else { continue }
                try Self.insertResult(result, ticketID: save.ticketID, contentHash: save.contentHash, runID: runID, at: date, db)
                if let owner {
                    try db.execute(sql: "DELETE FROM triage_leases WHERE ticket_id = ? AND owner = ?",
                                   arguments: [save.ticketID, owner])
                }
            }
        }
    }
}
