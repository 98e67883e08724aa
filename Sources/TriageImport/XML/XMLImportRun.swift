import Foundation
import TriageModel

/// The loop the XML importers share: stream records, map each one, emit it or report why not.
///
/// Everything runs on the caller's thread. (Parsing on a second thread was tried: on this 2-core, shared machine it
/// cost ~8 % more CPU and gave no measurable wall-clock gain, so it was dropped.)
///
/// A record whose mapping fails is reported as an error diagnostic (with its line) and skipped. A broken
/// document (not well-formed) stops the file: when records were already emitted the failure is reported
/// as a diagnostic with its line and column and the read ends normally, so those records stay imported;
/// when none were, it is thrown. Refusals for safety (entities, caps) are always thrown.
struct XMLImportRun {
    let url: URL
    let recordPath: [String]
    let limits: XMLLimits
    let options: ImportOptions
    let diagnostics: any DiagnosticSink

    func run(map: (XMLTreeElement) throws -> ImportedTicketDraft, emit: (ImportRecord) throws -> Void) throws {
        let stream = XMLRecordStream(url: url, recordPath: recordPath, limits: limits,
                                     maxRecordBytes: options.maxRecordBytes)
        var index = 0
        var emitted = 0
        do {
            try stream.forEach(diagnostics: diagnostics) { item in
                index += 1
                if try handle(item, index: index, map: map, emit: emit) { emitted += 1 }
            }
            if index == 0 {
                let path = recordPath.isEmpty ? "any child of the document element" : recordPath.joined(separator: "/")
                diagnostics.report(ImportDiagnostic(severity: .warning, file: url.path, message:
                    "no record elements at \(path); check the record path (the mapping's `records`) or the --from format"))
            }
        } catch let broken as XMLDocumentBroken {
            guard emitted > 0 else { throw broken.importError }
            diagnostics.report(ImportDiagnostic(file: broken.file, line: broken.line,
                                                column: broken.column, message:
                "reading stopped: \(broken.message); the \(emitted) records before this point were imported, "
                    + "the rest of the file was not (fix or re-export it)"))
        }
    }

    /// Maps and emits one record, or reports why not; whether it was emitted.
    private func handle(_ item: XMLRecordStream.Item, index: Int, map: (XMLTreeElement) throws -> ImportedTicketDraft,
                        emit: (ImportRecord) throws -> Void) throws -> Bool {
        switch item {
        case let .oversized(line):
            diagnostics.report(ImportDiagnostic(file: url.path, record: index, line: line, message:
                "record larger than \(limits.maxRecordBytes ?? options.maxRecordBytes) bytes, skipped; "
                    + "raise the record size cap if it is genuine"))
            return false
        case let .record(element):
            let draft: ImportedTicketDraft
            do {
                draft = try map(element)
            } catch let problem as XMLFieldProblem {
                diagnostics.report(ImportDiagnostic(file: url.path, record: index, line: problem.line ?? element.line,
                                                    field: problem.field, message: problem.message + "; record skipped"))
                return false
            }
            for warning in draft.warnings {
                diagnostics.report(ImportDiagnostic(severity: .warning, file: url.path, record: index,
                                                    line: warning.line ?? element.line, field: warning.field,
                                                    message: warning.message))
            }
            try emit(ImportRecord(ticket: draft.ticket, index: index, line: element.line))
            return true
        }
    }
}
