import Foundation
import TriageImport
import TriageModel

/// Runs an importer over a file and keeps what it emitted and reported.
struct ImportResult {
    var records: [ImportRecord] = []
    var diagnostics: [ImportDiagnostic] = []

    var tickets: [ImportedTicket] { records.map(\.ticket) }
    var errors: [ImportDiagnostic] { diagnostics.filter { $0.severity == .error } }

    init(_ importer: any TicketImporter, _ url: URL, options: ImportOptions = ImportOptions()) throws {
        let collector = DiagnosticCollector()
        var records: [ImportRecord] = []
        try importer.read(url, options: options, diagnostics: collector) { records.append($0) }
        self.records = records
        diagnostics = collector.diagnostics
    }
}
