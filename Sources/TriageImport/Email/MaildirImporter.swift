import Foundation
import MailParser
import TriageModel

/// Reads a Maildir: the messages of `cur/` then `new/`, each sorted by file name. The Maildir flags
/// (`S`een, `R`eplied, `F`lagged…) are kept in the ticket's `customFields["mail.maildir_flags"]`.
public struct MaildirImporter: TicketImporter {
    public let format = ImportFormat.maildir

    public init() {}

    public func read(_ url: URL, options: ImportOptions, diagnostics: any DiagnosticSink,
                     emit: (ImportRecord) throws -> Void) throws {
        let files: [URL]
        do {
            files = try MaildirReader(url: url).messageFiles()
        } catch let error as MailFileError {
            throw ImportError.unreadable(file: url.path, reason: error.description)
        }
        let reader = MailRecordReader(options: options, format: format, diagnostics: diagnostics)
        for (offset, file) in files.enumerated() {
            let bytes: [UInt8]
            let fullSize: Int?
            do {
                (bytes, fullSize) = try MailRecordReader.readFile(file, limit: options.maxRecordBytes)
            } catch {
                diagnostics.report(ImportDiagnostic(file: file.path, record: offset + 1, message: "\(error); message skipped"))
                continue
            }
            var record = reader.record(bytes: bytes, file: file.path, index: offset + 1, line: 1, truncatedFrom: fullSize)
            let flags = MaildirReader.flags(ofFile: file.lastPathComponent)
            if !flags.isEmpty { record.ticket.customFields["mail.maildir_flags"] = flags }
            try emit(record)
        }
    }
}
