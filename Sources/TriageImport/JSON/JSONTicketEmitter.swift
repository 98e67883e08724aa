import Foundation
import TriageModel

/// The shared loop of the JSON importers: read records, map each to a ticket, report what fails.
struct JSONTicketEmitter {
    let url: URL
    let diagnostics: any DiagnosticSink

    /// Maps every record with `map` (which returns `nil` to skip silently and throws `JSONRecordError` to
    /// report) and emits the tickets.
    func run(_ source: JSONRecordSource, emit: (ImportRecord) throws -> Void,
             map: (JSONRecordSource.Record) throws -> ImportedTicket?) throws {
        try source.forEach(diagnostics: diagnostics) { record in
            try one(record, emit: emit, map: map)
        }
    }

    /// The same over records already in memory (a single-object document).
    func run(records: [JSONRecordSource.Record], emit: (ImportRecord) throws -> Void,
             map: (JSONRecordSource.Record) throws -> ImportedTicket?) throws {
        for record in records { try one(record, emit: emit, map: map) }
    }

    private func one(_ record: JSONRecordSource.Record, emit: (ImportRecord) throws -> Void,
                     map: (JSONRecordSource.Record) throws -> ImportedTicket?) throws {
        let ticket: ImportedTicket?
        do {
            ticket = try map(record)
        } catch let error as JSONRecordError {
            diagnostics.report(ImportDiagnostic(file: url.path, record: record.index, line: record.line,
                                                field: error.field, message: error.message + "; record skipped"))
            return
        }
        if let ticket { try emit(ImportRecord(ticket: ticket, index: record.index, line: record.line)) }
    }

    /// Reads a date field; a present but unreadable value is a warning, not a failure.
    func date(_ object: JSONObject, _ path: String, parser: FlexibleDateParser, record: JSONRecordSource.Record) -> Date? {
        guard let value = object.value(path) else { return nil }
        if let date = parser.date(from: value) { return date }
        diagnostics.report(ImportDiagnostic(severity: .warning, file: url.path, record: record.index, line: record.line,
                                            field: path, message: "unreadable date \"\(JSONObject.text(value) ?? "?")\"; left empty"))
        return nil
    }
}

/// The external id of a record: a required field, as text.
func requiredID(_ object: JSONObject, _ paths: String...) throws -> String {
    for path in paths {
        if let id = object.string(path), !id.isEmpty { return id }
    }
    throw JSONRecordError(field: paths.first, message: "missing the ticket id (`\(paths.joined(separator: "` or `"))`)")
}

/// A first line to stand in for a missing subject.
func subjectFallback(_ text: String?) -> String {
    guard let text else { return "(no subject)" }
    let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty { return "(no subject)" }
    return trimmed.count > 120 ? String(trimmed.prefix(117)) + "…" : trimmed
}
