import Foundation

/// One problem found while reading an export: where it is and what to do about it.
public struct ImportDiagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable {
        /// The record was read, but something in it was odd (a field ignored, a date unparseable).
        case warning
        /// The record was skipped.
        case error
    }

    public var severity: Severity
    public var file: String
    /// 1-based index of the record in the file, when known.
    public var record: Int?
    /// 1-based line in the file, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?
    /// The field concerned (`tickets[3].created_at`, `Subject`), when known.
    public var field: String?
    public var message: String

    public init(severity: Severity = .error, file: String, record: Int? = nil, line: Int? = nil,
                column: Int? = nil, field: String? = nil, message: String) {
        self.severity = severity
        self.file = file
        self.record = record
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    /// `file:line:column: error: record 12, field created_at: message`
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        var context: [String] = []
        if let record { context.append("record \(record)") }
        if let field { context.append("field \(field)") }
        let prefix = context.isEmpty ? "" : context.joined(separator: ", ") + ": "
        return "\(location): \(severity.rawValue): \(prefix)\(message)"
    }
}

/// Where importers report problems. The run goes on; the sink collects, counts or prints.
public protocol DiagnosticSink: Sendable {
    func report(_ diagnostic: ImportDiagnostic)
}

/// A thread-safe sink that keeps every diagnostic, for tests and for the import run record.
public final class DiagnosticCollector: DiagnosticSink, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [ImportDiagnostic] = []
    /// Keep at most this many; the count stays exact.
    private let limit: Int
    private var total = 0
    private var errorTotal = 0

    public init(limit: Int = 10_000) {
        self.limit = limit
    }

    public func report(_ diagnostic: ImportDiagnostic) {
        lock.withLock {
            total += 1
            if diagnostic.severity == .error { errorTotal += 1 }
            if stored.count < limit { stored.append(diagnostic) }
        }
    }

    /// The diagnostics kept so far (at most `limit`).
    public var diagnostics: [ImportDiagnostic] { lock.withLock { stored } }
    /// How many were reported, kept or not.
    public var count: Int { lock.withLock { total } }
    /// How many were errors (skipped records).
    public var errorCount: Int { lock.withLock { errorTotal } }
}
