import Foundation
import MailParser
import TriageModel

/// Reads `.eml` files: a single file, or every `.eml` file under a folder (sorted by path, sub-folders
/// included). Each message becomes one ticket; see `MailTicketBuilder` for the mapping.
public struct EMLImporter: TicketImporter {
    public let format = ImportFormat.eml

    public init() {}

    public func read(_ url: URL, options: ImportOptions, diagnostics: any DiagnosticSink,
                     emit: (ImportRecord) throws -> Void) throws {
        let reader = MailRecordReader(options: options, format: format, diagnostics: diagnostics)
        let files = try Self.files(at: url)
        for (offset, file) in files.enumerated() {
            let bytes: [UInt8]
            let fullSize: Int?
            do {
                (bytes, fullSize) = try MailRecordReader.readFile(file, limit: options.maxRecordBytes)
            } catch {
                // One unreadable file in a folder is a skipped record; a single unreadable file is fatal.
                if files.count == 1 { throw error }
                diagnostics.report(ImportDiagnostic(file: file.path, record: offset + 1, message: "\(error); file skipped"))
                continue
            }
            try emit(reader.record(bytes: bytes, file: file.path, index: offset + 1, line: 1, truncatedFrom: fullSize))
        }
    }

    /// The message files `url` names: itself, or the `.eml` files below it sorted by path.
    static func files(at url: URL) throws -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ImportError.unreadable(file: url.path, reason: "no such file or folder")
        }
        guard isDirectory.boolValue else { return [url] }
        guard let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil,
                                                              options: [.skipsHiddenFiles]) else {
            throw ImportError.unreadable(file: url.path, reason: "cannot list the folder")
        }
        var files: [URL] = []
        for case let file as URL in enumerator where file.pathExtension.lowercased() == "eml" {
            files.append(file)
        }
        return files.sorted { $0.path < $1.path }
    }
}
