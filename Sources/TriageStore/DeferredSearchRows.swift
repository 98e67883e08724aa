import Foundation

/// Search rows and derived columns whose refresh waits for the end of the write transaction.
///
/// A mail thread grows one message at a time, and replies usually arrive a few hundred messages after their
/// parent, inside the same import batch. Refreshing a ticket's content digest, counts and search row after every
/// reply re-reads and re-tokenizes the whole thread each time (an FTS5 'delete' of the old text, an insert of the
/// new). Recording what the index held before the first change and refreshing once per ticket when the
/// transaction ends does the same work once. Nothing inside the transaction reads the search index or the derived
/// columns, and either the whole transaction is committed (after the refresh) or none of it.
final class DeferredSearchRows {
    enum State {
        /// Inserted in this transaction and not indexed yet; its derived columns were written with it.
        case fresh(subject: String, body: String)
        /// Changed in this transaction: the index holds `indexed` (nil: nothing), derived columns are stale.
        case changed(indexed: (subject: String, body: String)?)
    }

    private(set) var states: [Int64: State] = [:]
    /// Ticket ids in the order they were first recorded, so the refresh runs in a deterministic order.
    private(set) var order: [Int64] = []

    var isEmpty: Bool { states.isEmpty }

    func contains(_ ticketID: Int64) -> Bool { states[ticketID] != nil }

    /// A ticket inserted in this transaction, to be indexed with this text when the transaction ends.
    func inserted(_ ticketID: Int64, subject: String, body: String) {
        if states[ticketID] == nil { order.append(ticketID) }
        states[ticketID] = .fresh(subject: subject, body: body)
    }

    /// A ticket whose text or messages changed; `indexed` is what the index held before (only used when the
    /// ticket was not recorded yet).
    func changed(_ ticketID: Int64, indexed: (subject: String, body: String)?) {
        switch states[ticketID] {
        case nil:
            order.append(ticketID)
            states[ticketID] = .changed(indexed: indexed)
        case .fresh?:
            states[ticketID] = .changed(indexed: nil)
        case .changed?:
            break
        }
    }

    /// Forgets a ticket (merged into another and deleted); returns what the index holds for it, when known.
    func remove(_ ticketID: Int64) -> State? {
        states.removeValue(forKey: ticketID)
    }

    /// Empties the record and returns the tickets to refresh, in order.
    func drain() -> [(Int64, State)] {
        let result = order.compactMap { id in states[id].map { (id, $0) } }
        states = [:]
        order = []
        return result
    }
}
