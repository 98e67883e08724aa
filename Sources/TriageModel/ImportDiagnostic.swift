import Foundation

/// One problem found while reading an export: where it is and what to do about it. Importers report it, the
/// store keeps it with its import run (`import_diagnostics`), the digest lists it.
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
