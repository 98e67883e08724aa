import Foundation
import HelpdeskAPI
import TriageImport
import TriageModel

/// Maps a synced page with the file importer of the vendor's export format, so a synced ticket and the same
/// ticket imported later from an export file have the same identity and the same stored values.
///
/// The importers read files (they stream exports of any size); a page is written to a private temporary folder
/// of its own and read back from there. Diagnostics name the vendor and the page instead of the temporary file.
struct SyncPageImporter {
    var format: ImportFormat
    var options: ImportOptions

    /// The page's tickets, in page order, and the records the importer could not read.
    func tickets(of page: SyncPage, label: String) throws -> (tickets: [ImportedTicket], diagnostics: [ImportDiagnostic]) {
        let importer = ImporterRegistry.importer(for: format)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("triage-sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("page.json")
        try page.document.write(to: file)
        let collector = DiagnosticCollector(limit: 1000)
        var tickets: [ImportedTicket] = []
        try importer.read(file, options: options, diagnostics: collector) { record in tickets.append(record.ticket) }
        let diagnostics = collector.diagnostics.map { diagnostic -> ImportDiagnostic in
            var renamed = diagnostic
            renamed.file = label
            return renamed
        }
        return (tickets, diagnostics)
    }
}
