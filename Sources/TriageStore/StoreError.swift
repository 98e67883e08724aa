import Foundation

/// Why the store refused or failed an operation.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// The database was written by a newer TicketTriage (it has migrations this version does not know).
    case newerSchema(path: String, unknownMigrations: [String])
    /// The file exists but is not a TicketTriage store (or is corrupt).
    case notAStore(path: String, reason: String)
    /// The file is an SQLite database whose pages are damaged (truncated, overwritten).
    case damaged(path: String, reason: String)
    /// The store cannot be written (file or folder permissions, read-only media).
    case readOnly(path: String)
    /// The file cannot be opened at all (permissions, a missing folder).
    case cannotOpen(path: String, reason: String)
    /// The store was written by an older version and must be upgraded before it can be read (read-only opening).
    case needsUpgrade(path: String)
    /// A ticket asked for by id does not exist.
    case ticketNotFound(String)
    /// Another process holds the store's write lock for longer than the busy timeout (a long import or run).
    case busy(path: String, operation: String)
    /// A lower-level database error, with what the store was doing.
    case database(operation: String, underlying: String)

    public var description: String {
        switch self {
        case let .newerSchema(path, unknown):
            "\(path) was written by a newer version of TicketTriage (schema steps \(unknown.joined(separator: ", ")) are unknown to this one). Upgrade triage, or point --db at another file; the store was not changed."
        case let .notAStore(path, reason):
            "\(path) is not a TicketTriage store (\(reason)). Point --db at a store, or at a new path to create one."
        case let .damaged(path, reason):
            "\(path) is a TicketTriage store that is damaged (\(reason)); nothing was changed. Check it with "
                + "`sqlite3 \(path) 'PRAGMA integrity_check'`; recover what is readable with "
                + "`sqlite3 \(path) .recover | sqlite3 recovered.sqlite` and use --db recovered.sqlite, or restore a backup. "
                + "Do not start over in its place: the damaged file may still hold most tickets."
        case let .readOnly(path):
            "\(path) cannot be written (read-only file, folder or medium): reading commands (list, show, search, "
                + "export, stats) work; to change it, copy it somewhere writable and use --db, or fix the permissions."
        case let .cannotOpen(path, reason):
            "cannot open \(path) (\(reason)): check that the file and its folder exist and are readable."
        case let .needsUpgrade(path):
            "\(path) was written by an earlier version of TicketTriage and must be upgraded, which needs write access: "
                + "run `triage init --db \(path)` once where the file is writable."
        case let .ticketNotFound(id):
            "no ticket \(id) in the store (use `triage list` or `triage search` to find ids)"
        case let .busy(path, operation):
            "\(path) is busy: another triage process is writing to it (\(operation) waited and gave up). Run again when it has finished."
        case let .database(operation, underlying):
            "database error while \(operation): \(underlying)"
        }
    }
}
