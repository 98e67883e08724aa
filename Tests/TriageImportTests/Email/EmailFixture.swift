import Foundation
import Testing
import TriageImport
import TriageModel

/// Loads the e-mail fixtures and runs importers into arrays.
enum EmailFixture {
    static func url(_ name: String) throws -> URL {
        try #require(Bundle.module.url(forResource: "Fixtures/email/" + name, withExtension: nil))
    }

    static func folder() throws -> URL {
        try url("thread-1-customer.eml").deletingLastPathComponent()
    }

    static func records(_ importer: some TicketImporter, _ url: URL, options: ImportOptions = ImportOptions(),
                        diagnostics: DiagnosticCollector = DiagnosticCollector()) throws -> [ImportRecord] {
        var records: [ImportRecord] = []
        try importer.read(url, options: options, diagnostics: diagnostics) { records.append($0) }
        return records
    }

    static func ticket(_ name: String, options: ImportOptions = ImportOptions()) throws -> ImportedTicket {
        let records = try records(EMLImporter(), url(name), options: options)
        return try #require(records.first).ticket
    }
}
