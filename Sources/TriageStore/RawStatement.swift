import Foundation
import GRDB
import GRDBSQLite

/// A prepared statement driven through the SQLite C API: bind, step, reset (and read a row's columns).
///
/// For the routing write's and the import's inner loops (millions of rows), where GRDB's per-execution work (argument arrays,
/// validation, observer bookkeeping) cost as much as SQLite's own. The statement is prepared by GRDB
/// (`Database.makeStatement`) inside a GRDB write transaction and used only there; only INSERT and UPDATE
/// statements on tables nothing observes, and the import's identity lookup, go through it.
struct RawStatement {
    private let statement: Statement
    private let handle: OpaquePointer
    private let connection: OpaquePointer?

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        connection = db.sqliteConnection
    }

    /// SQLite copies the bytes (`SQLITE_TRANSIENT`), so the Swift string need not outlive the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Int) {
        sqlite3_bind_int64(handle, index, Int64(value))
    }

    func bind(_ index: Int32, _ value: Bool) {
        sqlite3_bind_int64(handle, index, value ? 1 : 0)
    }

    func bind(_ index: Int32, _ value: String?) {
        guard var value else {
            sqlite3_bind_null(handle, index)
            return
        }
        value.withUTF8 { utf8 in
            _ = sqlite3_bind_text(handle, index, utf8.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                  Int32(utf8.count), Self.transient)
        }
    }

    /// Runs the statement to completion and resets it; returns the number of rows it changed.
    @discardableResult
    func run() throws -> Int {
        let code = sqlite3_step(handle)
        defer { sqlite3_reset(handle) }
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: connection.map { String(cString: sqlite3_errmsg($0)) }, sql: statement.sql)
        }
        return Int(sqlite3_changes(connection))
    }

    /// Steps a query once: `true` when it produced a row, to read with `int64(column:)` and `textEquals`;
    /// call `reset()` when done with the row.
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: connection.map { String(cString: sqlite3_errmsg($0)) }, sql: statement.sql)
        }
        return false
    }

    func reset() {
        sqlite3_reset(handle)
    }

    /// The integer in `column` (0-based) of the current row.
    func int64(column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    /// The text in `column` (0-based) of the current row; `nil` for NULL.
    func text(column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        let length = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    /// Whether the text in `column` of the current row is `text`, compared byte for byte without making a String.
    func textEquals(column: Int32, _ text: String) -> Bool {
        guard let pointer = sqlite3_column_text(handle, column) else { return false }
        let length = Int(sqlite3_column_bytes(handle, column))
        var text = text
        return text.withUTF8 { utf8 in
            utf8.count == length && (length == 0 || memcmp(utf8.baseAddress!, pointer, length) == 0)
        }
    }

    /// The rowid of the row the last INSERT on this connection added.
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(connection) }
}
