import Foundation

/// Why the store refused or failed an operation.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// The database was written by a newer TicketTriage (it has migrations this version does not know).
    case newerSchema(path: String, unknownMigrations: [String])
    /// The file exists but is not a TicketTriage store (or is corrupt).
    case notAStore(path: String, reason: String)
    /// A ticket asked for by id does not exist.
    case ticketNotFound(String)
    /// A lower-level database error, with what the store was doing.
    case database(operation: String, underlying: String)

    public var description: String {
        switch self {
        case let .newerSchema(path, unknown):
            "\(path) was written by a newer version of TicketTriage (schema steps \(unknown.joined(separator: ", ")) are unknown to this one). Upgrade triage, or point --db at another file; the store was not changed."
        case let .notAStore(path, reason):
            "\(path) is not a TicketTriage store (\(reason)). Point --db at a store, or at a new path to create one."
        case let .ticketNotFound(id):
            "no ticket \(id) in the store (use `triage list` or `triage search` to find ids)"
        case let .database(operation, underlying):
            "database error while \(operation): \(underlying)"
        }
    }
}
