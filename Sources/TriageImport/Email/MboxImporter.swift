import Foundation
import MailParser
import TriageModel

/// Reads an mbox file (mboxo or mboxrd) as a stream: memory stays bounded by the read chunk plus one
/// message (itself capped by `ImportOptions.maxRecordBytes`), whatever the size of the file.
public struct MboxImporter: TicketImporter {
    public let format = ImportFormat.mbox
    /// How `From ` lines in bodies are quoted; `.mboxrd` also undoes mboxo quoting of `>From `.
    public var variant: MboxVariant

    public init() {
        variant = .mboxrd
    }

    public init(variant: MboxVariant) {
        self.variant = variant
    }

    public func read(_ url: URL, options: ImportOptions, diagnostics: any DiagnosticSink,
                     emit: (ImportRecord) throws -> Void) throws {
        let reader = MailRecordReader(options: options, format: format, diagnostics: diagnostics)
        let mbox = MboxReader(url: url, variant: variant, maxMessageBytes: options.maxRecordBytes)
        do {
            try mbox.forEach { message in
                try emit(reader.record(bytes: message.bytes, file: url.path, index: message.index, line: message.line,
                                       truncatedFrom: message.truncated ? message.originalLength : nil))
            }
        } catch let error as MailFileError {
            throw ImportError.unreadable(file: url.path, reason: error.description)
        }
    }
}
