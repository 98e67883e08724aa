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

    /// Opens (creating and migrating when needed) the store at `path`.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
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
            writer = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError.notAStore(path: path, reason: Self.reason(error))
        }
        try migrate()
    }

    private init(memoryWriter: DatabaseQueue) throws {
        path = ":memory:"
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
            throw StoreError.notAStore(path: path, reason: Self.reason(error))
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
            throw StoreError.database(operation: operation, underlying: Self.reason(error))
        }
    }
}
