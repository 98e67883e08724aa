import Foundation
import GRDB

/// The SQLite store: owns the database connection and its migrations; every read and write goes through it.
///
/// Files are opened as a WAL-mode `DatabasePool` (readers never block the writer); tests use
/// `TicketStore.inMemory()`. A store written by a newer version is refused before anything is changed.
public final class TicketStore: Sendable {
    /// Where the store lives (`:memory:` for in-memory stores); used in messages.
    public let path: String
    let writer: any DatabaseWriter

    /// Whether this connection may write (``init(path:readOnly:)``).
    public let isReadOnly: Bool

    /// Opens (creating and migrating when needed) the store at `path`.
    ///
    /// With `readOnly` the file must exist and is opened for reading only: nothing is created or migrated, so a
    /// store on read-only media, in a read-only folder or owned by someone else can still be listed and searched.
    /// A store that needs an upgrade is opened for writing once (when it can be) to apply it.
    public convenience init(path: String, readOnly: Bool) throws {
        if readOnly {
            do {
                try self.init(path: path, mode: .readOnly)
            } catch StoreError.needsUpgrade where FileManager.default.isWritableFile(atPath: path) {
                try self.init(path: path, mode: .readWrite)
            } catch StoreError.readOnly, StoreError.cannotOpen {
                // A WAL store needs its shared-memory file to be read; where that cannot be created (a read-only
                // folder, a file of another user) SQLite reads it as an immutable file instead.
                try self.init(path: path, mode: .immutable)
            }
        } else {
            try self.init(path: path, mode: .readWrite)
        }
    }

    /// Opens (creating and migrating when needed) the store at `path`.
    public convenience init(path: String) throws {
        try self.init(path: path, mode: .readWrite)
    }

    enum Mode {
        case readWrite, readOnly
        /// Read-only without the WAL's shared memory: SQLite assumes nobody changes the file meanwhile.
        case immutable
    }

    /// `busyTimeout`: how long a statement waits for another process's write lock before it fails with
    /// ``StoreError/busy(path:operation:)`` (exit 75).
    init(path: String, mode: Mode, busyTimeout: TimeInterval = 10) throws {
        self.path = path
        isReadOnly = mode != .readWrite
        var configuration = Configuration()
        configuration.readonly = mode != .readWrite
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            // WAL + NORMAL: a crash loses at most the last transactions, never corrupts the store.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 64 MiB of page cache per connection: imports touch index and FTS pages all over the file, and the
            // 2 MiB default turns that into read(2) calls (measured: a quarter of import time in the kernel).
            try db.execute(sql: "PRAGMA cache_size = -65536")
            // Checkpoint every ~32 MiB of WAL instead of 4 MiB: hot index pages are copied back less often.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 8192")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        do {
            // A read-only connection cannot turn the file into WAL mode, which a pool insists on.
            switch mode {
            case .readWrite: writer = try DatabasePool(path: path, configuration: configuration)
            case .readOnly: writer = try DatabaseQueue(path: path, configuration: configuration)
            case .immutable:
                let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#%"))) ?? path
                writer = try DatabaseQueue(path: "file:\(encoded)?immutable=1", configuration: configuration)
            }
        } catch {
            throw Self.openingError(error, path: path)
        }
        if mode == .readWrite { try migrate() } else { try checkSchema() }
    }

    private init(memoryWriter: DatabaseQueue) throws {
        path = ":memory:"
        isReadOnly = false
        writer = memoryWriter
        try migrate()
    }

    /// A fresh, migrated store in memory (tests and `--dry-run` previews).
    public static func inMemory() throws -> TicketStore {
        try TicketStore(memoryWriter: DatabaseQueue())
    }

    /// The names of the schema steps this version knows, in order.
    public static var schemaVersions: [String] { StoreSchema.migrator.migrations }

    private func migrate() throws {
        let migrator = StoreSchema.migrator
        do {
            let applied = try writer.read { db -> [String] in
                guard try db.tableExists("grdb_migrations") else {
                    let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                    if !tables.isEmpty { throw StoreError.notAStore(path: path, reason: "it has tables but no TicketTriage schema history") }
                    return []
                }
                return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
            }
            let unknown = applied.filter { !migrator.migrations.contains($0) }
            if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknownMigrations: unknown) }
            try migrator.migrate(writer)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.openingError(error, path: path)
        }
    }

    /// For read-only stores: the schema must be one this version knows completely (nothing can be migrated).
    private func checkSchema() throws {
        let known = StoreSchema.migrator.migrations
        do {
            let applied = try writer.read { db -> [String] in
                guard try db.tableExists("grdb_migrations") else {
                    let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                    throw StoreError.notAStore(path: path, reason: tables.isEmpty ? "it is empty" : "it has tables but no TicketTriage schema history")
                }
                return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
            }
            let unknown = applied.filter { !known.contains($0) }
            if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknownMigrations: unknown) }
            if applied.count < known.count { throw StoreError.needsUpgrade(path: path) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.openingError(error, path: path)
        }
    }

    /// What an error while opening means for the user: a damaged store, a store the user may not write, or a file
    /// that is no store at all.
    static func openingError(_ error: any Error, path: String) -> StoreError {
        if let mapped = classify(error, path: path) { return mapped }
        return StoreError.notAStore(path: path, reason: reason(error))
    }

    /// Damage and permission errors, recognised by SQLite's result code wherever they happen.
    static func classify(_ error: any Error, path: String, operation: String = "opening the store") -> StoreError? {
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode.primaryResultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            // A file that does not even start like SQLite is something else; one that does is a damaged store.
            return StoreFileHeader.isSQLite(path: path) ? .damaged(path: path, reason: reason(error))
                                                        : .notAStore(path: path, reason: "it is not an SQLite database")
        case .SQLITE_READONLY:
            return .readOnly(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .busy(path: path, operation: operation)
        case .SQLITE_CANTOPEN, .SQLITE_PERM:
            return .cannotOpen(path: path, reason: reason(error))
        default:
            return nil
        }
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error)" }
        return "\(error)"
    }

    /// Runs `body` in a write transaction, wrapping database errors with what was being done.
    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            if let mapped = Self.classify(error, path: path, operation: operation) { throw mapped }
            throw StoreError.database(operation: operation, underlying: Self.reason(error))
        }
    }

    /// Runs `body` with a read-only connection.
    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            if let mapped = Self.classify(error, path: path, operation: operation) { throw mapped }
            throw StoreError.database(operation: operation, underlying: Self.reason(error))
        }
    }
}
