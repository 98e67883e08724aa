import Foundation
import MailParser
import TriageModel

/// Reads a Maildir and every folder in it (Maildir++ `.Folder.Sub` folders and nested Maildirs): per folder the
/// messages of `cur/` then `new/`, each sorted by file name. The Maildir flags (`S`een, `R`eplied, `F`lagged…)
/// are kept in `customFields["mail.maildir_flags"]`, the folder (`Folder/Sub`; none for the root) in
/// `customFields["mail.folder"]`.
public struct MaildirImporter: TicketImporter {
    public let format = ImportFormat.maildir

    public init() {}

    public func read(_ url: URL, options: ImportOptions, diagnostics: any DiagnosticSink,
                     emit: (ImportRecord) throws -> Void) throws {
        let files: [(url: URL, folder: String)]
        do {
            files = try MaildirReader(url: url).messages()
        } catch let error as MailFileError {
            throw ImportError.unreadable(file: url.path, reason: error.description)
        }
        let reader = MailRecordReader(options: options, format: format, diagnostics: diagnostics)
        for (offset, (file, folder)) in files.enumerated() {
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
            if !folder.isEmpty { record.ticket.customFields["mail.folder"] = folder }
            try emit(record)
        }
    }
}
