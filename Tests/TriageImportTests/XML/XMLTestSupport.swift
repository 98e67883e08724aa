import Foundation
import TriageImport
import TriageModel

/// Fixture paths and small helpers shared by the XML tests.
enum XMLTestSupport {
    /// A file or folder under `Fixtures/xml`.
    static func fixture(_ path: String) -> URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/xml").appendingPathComponent(path)
    }

    /// A fresh temporary folder for generated files.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xml-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Writes `contents` to `name` in a fresh temporary folder.
    static func write(_ contents: String, named name: String = "tickets.xml") throws -> URL {
        let url = try temporaryFolder().appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url
    }

    /// Everything one read produced: the records, the diagnostics and the error that ended it, if any.
    struct Outcome {
        var records: [ImportRecord] = []
        var diagnostics: [ImportDiagnostic] = []
        var error: (any Error)?
        var seconds: Double = 0

        var tickets: [ImportedTicket] { records.map(\.ticket) }

        /// Every string the read produced, to check that nothing secret leaked into it.
        var allText: String {
            var text = records.map { "\($0.ticket)" }.joined(separator: "\n")
            text += diagnostics.map(\.description).joined(separator: "\n")
            if let error { text += "\(error)" }
            return text
        }
    }

    /// Runs `importer` on `url`, catching what it throws.
    static func read(_ importer: some TicketImporter, _ url: URL, options: ImportOptions = ImportOptions()) -> Outcome {
        let collector = DiagnosticCollector()
        var outcome = Outcome()
        let start = Date()
        do {
            try importer.read(url, options: options, diagnostics: collector) { outcome.records.append($0) }
        } catch {
            outcome.error = error
        }
        outcome.seconds = Date().timeIntervalSince(start)
        outcome.diagnostics = collector.diagnostics
        return outcome
    }
}
