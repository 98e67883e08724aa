import Foundation
import TriageModel

/// CSV exports (RFC 4180; comma, semicolon or tab separated — detected from the header) read through a field
/// mapping whose paths are column names. Column names match case-insensitively.
public struct CSVImporter: TicketImporter {
    public let format = ImportFormat.csv

    public init() {}

    public func read(_ url: URL, options: ImportOptions, diagnostics: any DiagnosticSink,
                     emit: (ImportRecord) throws -> Void) throws {
        guard let mapping = options.mapping else {
            throw ImportError.badMapping(file: url.path, reason: "CSV needs a field mapping naming the columns: pass --mapping FILE (see docs/importing.md)")
        }
        let source = options.source ?? format.defaultSource
        let reader = MappedRecordReader(mapping: mapping, dates: FlexibleDateParser(defaultTimeZone: options.defaultTimeZone))
        let separator = try Self.detectSeparator(url)
        var header: [String: Int]?
        var index = 0
        try CSVRecordReader(separator: separator, maxRecordBytes: options.maxRecordBytes).read(try ByteChunkReader(path: url.path)) { event in
            switch event {
            case let .row(row):
                guard let columns = header else {
                    var map: [String: Int] = [:]
                    for (i, name) in row.fields.enumerated() { map[name.trimmingCharacters(in: .whitespaces).lowercased()] = i }
                    let missing = Set(mapping.fields.values.flatMap(FieldMapping.paths(in:))).filter { map[$0.lowercased()] == nil }
                    let idColumns = mapping.fields[.externalID].map(FieldMapping.paths(in:)) ?? (mapping.deriveID ?? [])
                    if !idColumns.contains(where: { map[$0.lowercased()] != nil }) {
                        throw ImportError.badMapping(file: url.path, reason: "the id column \"\(idColumns.joined(separator: ", "))\" is not in the header (columns: \(row.fields.joined(separator: ", ")))")
                    }
                    for column in missing.sorted() {
                        diagnostics.report(ImportDiagnostic(severity: .warning, file: url.path, line: row.line, field: column, message: "mapped column is not in the header; the field stays empty"))
                    }
                    header = map
                    return
                }
                index += 1
                if row.fields.count != columns.count {
                    diagnostics.report(ImportDiagnostic(severity: .warning, file: url.path, record: index, line: row.line,
                                                        message: "row has \(row.fields.count) fields, the header \(columns.count)"))
                }
                func lookup(_ column: String) -> Any? {
                    guard let i = columns[column.lowercased()], i < row.fields.count else { return nil }
                    let value = row.fields[i]
                    return value.isEmpty ? nil : value
                }
                do {
                    let ticket = try reader.ticket(source: source, field: lookup, messages: { _ in [] }) { field, message in
                        diagnostics.report(ImportDiagnostic(severity: .warning, file: url.path, record: index, line: row.line, field: field, message: message))
                    }
                    try emit(ImportRecord(ticket: ticket, index: index, line: row.line))
                } catch let error as JSONRecordError {
                    diagnostics.report(ImportDiagnostic(file: url.path, record: index, line: row.line, field: error.field, message: error.message + "; record skipped"))
                }
            case let .tooLarge(line):
                index += 1
                diagnostics.report(ImportDiagnostic(file: url.path, record: index, line: line, message: "row exceeds the \(options.maxRecordBytes)-byte limit; record skipped"))
            case let .unterminated(line):
                index += 1
                diagnostics.report(ImportDiagnostic(file: url.path, record: index, line: line, message: "the file ends inside a quoted field that starts here; record skipped"))
            }
        }
        if header == nil {
            throw ImportError.malformed(file: url.path, line: nil, reason: "the CSV file is empty (no header row)")
        }
    }

    /// The separator used in the header line: the most frequent of `,` `;` and tab outside quotes.
    static func detectSeparator(_ url: URL) throws -> UInt8 {
        let head = try ByteChunkReader.head(of: url.path, count: 64 << 10)
        var counts: [UInt8: Int] = [44: 0, 59: 0, 9: 0]
        var inQuotes = false
        for byte in head {
            if byte == 34 { inQuotes.toggle() }
            if !inQuotes, byte == 10 { break }
            if !inQuotes, counts[byte] != nil { counts[byte]! += 1 }
        }
        return counts.max { ($0.value, $0.key == 44 ? 1 : 0) < ($1.value, $1.key == 44 ? 1 : 0) }!.key
    }
}
