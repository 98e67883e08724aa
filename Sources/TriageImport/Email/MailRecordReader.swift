import Foundation
import MailParser
import TriageModel

/// Shared by the mail importers: parse one message, build its ticket, report its defects.
struct MailRecordReader {
    let builder: MailTicketBuilder
    let diagnostics: any DiagnosticSink

    init(options: ImportOptions, format: ImportFormat, diagnostics: any DiagnosticSink) {
        builder = MailTicketBuilder(options: options, defaultSource: format.defaultSource)
        self.diagnostics = diagnostics
    }

    func record(bytes: [UInt8], file: String, index: Int, line: Int?, truncatedFrom: Int? = nil) -> ImportRecord {
        let message = MailMessage(parsing: bytes)
        let (ticket, defects) = builder.ticket(from: message)
        if let truncatedFrom {
            diagnostics.report(ImportDiagnostic(
                severity: .warning, file: file, record: index, line: line,
                message: "message of \(truncatedFrom) bytes is larger than the limit of \(builder.options.maxRecordBytes) bytes; only its beginning was read (raise maxRecordBytes to read it whole)"))
        }
        if !defects.isEmpty {
            let shown = defects.prefix(5).map(\.description).joined(separator: "; ")
            let more = defects.count > 5 ? " (and \(defects.count - 5) more)" : ""
            diagnostics.report(ImportDiagnostic(
                severity: .warning, file: file, record: index, line: line,
                message: "message \(ticket.externalID) read with defects: \(shown)\(more)"))
        }
        return ImportRecord(ticket: ticket, index: index, line: line)
    }

    /// Reads at most `limit` bytes of a file; the second value is the full size when the file was longer.
    static func readFile(_ url: URL, limit: Int) throws -> (bytes: [UInt8], fullSize: Int?) {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw ImportError.unreadable(file: url.path, reason: error.localizedDescription)
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: limit) ?? Data()
            if data.count == limit, let more = try handle.read(upToCount: 1), !more.isEmpty {
                let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
                return (Array(data), size ?? limit + 1)
            }
            return (Array(data), nil)
        } catch {
            throw ImportError.unreadable(file: url.path, reason: error.localizedDescription)
        }
    }
}
