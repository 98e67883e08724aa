import ArgumentParser
import Foundation
import Synchronization
import TriageModel
import TicketTriage
import TriageImport
import TriageStore

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print what the importer reads from a file; nothing is stored.",
        discussion: "With --format json, one JSON object per ticket (JSON Lines). Diagnostics go to stderr.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "An export file (or Maildir folder).", completion: .file())
    var path: String

    @Option(help: "Input format (default: detected).")
    var from: ImportFormat = .auto

    @Option(help: "Field mapping (YAML) for generic JSON, generic XML and CSV.")
    var mapping: String?

    func run() throws {
        let configuration = try global.loadConfiguration()
        let url = URL(fileURLWithPath: path)
        let format = from == .auto ? try FormatDetector.detect(url) : from
        if [.eml, .mbox, .maildir].contains(format) { return try inspectMail(url, format: format, configuration: configuration) }
        let importer = ImporterRegistry.importer(for: format)
        let fieldMapping = try mapping.map { try FieldMapping.load(from: URL(fileURLWithPath: $0)) }
            ?? { let m = url.deletingLastPathComponent().appendingPathComponent("mapping.yml")
                 return FileManager.default.fileExists(atPath: m.path) ? try FieldMapping.load(from: m) : nil }()
        let diagnostics = PrintingDiagnostics()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        var count = 0
        try importer.read(url, options: configuration.importOptions(source: nil, mapping: fieldMapping), diagnostics: diagnostics) { record in
            count += 1
            switch output.format {
            case .json:
                Terminal.raw(String(decoding: DisplayText.escapingControlsInJSON(try encoder.encode(record.ticket)), as: UTF8.self) + "\n")
            case .text:
                let t = record.ticket
                Terminal.out("#\(record.index) line \(record.line.map(String.init) ?? "-"): \(t.source):\(t.externalID) \"\(t.subject)\" — \(t.messages.count) message(s), label \(t.labelDepartment ?? "none"), created \(t.createdAt.map { "\($0)" } ?? "unknown")")
            }
        }
        if output.format == .text { Terminal.out("\(count) ticket(s), \(diagnostics.count) diagnostic(s)") }
        if count == 0 {
            throw CommandFailure("\(url.path): no ticket read (\(diagnostics.errors) record error(s)); check --from (see docs/importing.md)", status: .dataError)
        }
        if diagnostics.errors > 0 { throw ExitStatus.partial.code }
    }
}

extension Inspect {
    /// E-mail: what the MIME parser read of each message (one JSON object per message), defects included.
    func inspectMail(_ url: URL, format: ImportFormat, configuration: TriageConfiguration) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var count = 0
        var defective = 0
        try EmailInspector.inspect(url, format: format, maxMessageBytes: configuration.import.maxRecordBytes) { mail in
            count += 1
            if !mail.defects.isEmpty { defective += 1 }
            switch output.format {
            case .json:
                Terminal.raw(String(decoding: DisplayText.escapingControlsInJSON(try encoder.encode(mail)), as: UTF8.self) + "\n")
            case .text:
                Terminal.out("#\(count): \"\(mail.subject ?? "")\" from \(mail.from.first?.address ?? "-") — \(mail.attachments.count) attachment(s)\(mail.defects.isEmpty ? "" : ", defects: " + mail.defects.joined(separator: "; "))")
            }
        }
        if output.format == .text { Terminal.out("\(count) message(s), \(defective) with defects") }
    }
}

/// Prints diagnostics to stderr as they come.
final class PrintingDiagnostics: DiagnosticSink {
    private let counts = Mutex((all: 0, errors: 0))

    var count: Int { counts.withLock { $0.all } }
    var errors: Int { counts.withLock { $0.errors } }

    func report(_ diagnostic: ImportDiagnostic) {
        counts.withLock { counts in
            counts.all += 1
            if diagnostic.severity == .error { counts.errors += 1 }
        }
        Terminal.err(diagnostic.description)
    }
}
