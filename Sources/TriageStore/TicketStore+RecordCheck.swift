import Foundation
import GRDB
import TriageModel

/// A ticket's record digest and whether the store holds exactly that record already.
public struct StoredRecordCheck: Sendable {
    public let recordHash: String
    /// The store holds a ticket with this identity and this record digest: storing it again changes nothing.
    public let isStored: Bool
}

extension TicketStore {
    /// Computes the record digest of each ticket and looks it up, in one read.
    ///
    /// A re-import of an unchanged export spends most of its time preparing records the writer then finds
    /// unchanged; with this the import's reading thread skips them after the digest, before preparing anything
    /// else. The read sees the last committed state (WAL), so a caller that also writes must not skip a ticket
    /// it queued for writing earlier (an older version could still be the one stored). Threaded records (mail)
    /// are never reported as stored: which ticket they join is decided by the writer.
    public func storedRecordCheck(_ tickets: [ImportedTicket]) throws -> [StoredRecordCheck] {
        let hashes = tickets.map(\.recordHash)
        return try read("comparing imported records with the store") { db in
            let statement = try RawStatement(db, sql: "SELECT record_hash FROM tickets WHERE source = ? AND external_id = ?")
            return try zip(tickets, hashes).map { ticket, hash in
                guard ticket.threadHints == nil else { return StoredRecordCheck(recordHash: hash, isStored: false) }
                statement.bind(1, ticket.source); statement.bind(2, ticket.externalID)
                defer { statement.reset() }
                guard try statement.step() else { return StoredRecordCheck(recordHash: hash, isStored: false) }
                return StoredRecordCheck(recordHash: hash, isStored: statement.textEquals(column: 0, hash))
            }
        }
    }
}
