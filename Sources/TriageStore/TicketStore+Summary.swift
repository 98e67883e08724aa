import Foundation
import GRDB
import TriageModel

/// `triage summarize`: a new summary for a ticket already triaged, stored with the call that wrote it.
extension TicketStore {
    /// The ticket `reference` names (store id, `source:external_id` or a unique external id), as summarizing
    /// reads it, and whether it has a triage result for its current content (where the summary is stored).
    public func ticketForSummary(reference: String) throws -> (ticket: TicketForTriage, triagedCurrent: Bool) {
        try read("reading ticket \(reference)") { db in
            guard let id = try Self.resolve(reference, db) else { throw StoreError.ticketNotFound(reference) }
            let ticket = try Self.ticketForTriage(id: id, db)
            let triaged = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM triage_results WHERE ticket_id = ? AND content_hash = ?)
                """, arguments: [id, ticket.contentHash]) ?? false
            return (ticket, triaged)
        }
    }

    /// Replaces the summary of the triage result for content version `contentHash` and records `calls`, in one
    /// transaction. Returns `false` (and records only the calls) when there is no result for that version any
    /// more (the ticket changed meanwhile): a summary is never attached to other content.
    @discardableResult
    public func saveSummary(ticketID: Int64, contentHash: String, summary: String, calls: [LLMCallRecord]) throws -> Bool {
        try write("saving the summary of ticket \(ticketID)") { db in
            try Self.insertCalls(calls, ticketID: ticketID, runID: nil, db)
            try db.execute(sql: "UPDATE triage_results SET summary = ? WHERE ticket_id = ? AND content_hash = ?",
                           arguments: [summary, ticketID, contentHash])
            return db.changesCount > 0
        }
    }
}
