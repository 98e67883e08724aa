import Foundation
import MailParser

/// Streams `InspectedEmail` values out of a `.eml` file, a folder of them, an mbox or a Maildir, for
/// `triage inspect`. Nothing is stored; memory stays bounded by one message.
public enum EmailInspector {
    /// Calls `emit` for each message in file order. `format` may be `.auto`: a folder with `cur/` or `new/`
    /// is a Maildir, another folder holds `.eml` files, a file starting with `From ` is an mbox, else `.eml`.
    /// Throws `ImportError` when the input cannot be read or the format is not an e-mail format.
    public static func inspect(_ url: URL, format: ImportFormat, maxMessageBytes: Int = 64 << 20,
                               emit: (InspectedEmail) throws -> Void) throws {
        let resolved = format == .auto ? try detect(url) : format
        switch resolved {
        case .mbox:
            do {
                try MboxReader(url: url, maxMessageBytes: maxMessageBytes).forEach { message in
                    try emit(InspectedEmail(MailMessage(parsing: message.bytes)))
                }
            } catch let error as MailFileError {
                throw ImportError.unreadable(file: url.path, reason: error.description)
            }
        case .maildir:
            let files: [URL]
            do {
                files = try MaildirReader(url: url).messageFiles()
            } catch let error as MailFileError {
                throw ImportError.unreadable(file: url.path, reason: error.description)
            }
            for file in files {
                try emit(InspectedEmail(MailMessage(parsing: try MailRecordReader.readFile(file, limit: maxMessageBytes).bytes)))
            }
        case .eml:
            for file in try EMLImporter.files(at: url) {
                try emit(InspectedEmail(MailMessage(parsing: try MailRecordReader.readFile(file, limit: maxMessageBytes).bytes)))
            }
        default:
            throw ImportError.unknownFormat(file: url.path, reason: "\(resolved.rawValue) is not an e-mail format; use eml, mbox or maildir")
        }
    }

    /// The e-mail format of `url`: `.maildir`, `.eml` (file or folder) or `.mbox`.
    public static func detect(_ url: URL) throws -> ImportFormat {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ImportError.unreadable(file: url.path, reason: "no such file or folder")
        }
        if isDirectory.boolValue { return MaildirReader.containsMaildir(url) ? .maildir : .eml }
        let head = try MailRecordReader.readFile(url, limit: 5).bytes
        return head == Array("From ".utf8) ? .mbox : .eml
    }
}
