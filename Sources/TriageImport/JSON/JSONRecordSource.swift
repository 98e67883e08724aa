import Foundation
import TriageModel

/// Streams the records of a JSON export, whether it is JSON Lines (one record per line) or one document with
/// the records in arrays at known key paths. Each record is parsed alone: a broken one becomes a diagnostic
/// naming its line, and the others are read.
struct JSONRecordSource {
    /// One parsed record.
    struct Record {
        var object: JSONObject
        /// Which of `paths` the record came from (always 0 for JSON Lines).
        var pathIndex: Int
        var index: Int
        var line: Int
        /// Byte offset of the record's line (JSON Lines only).
        var offset: Int64?
    }

    let url: URL
    /// Key paths of the record arrays in a document (`[["tickets"]]`, `[[]]` for a top-level array).
    let paths: [[String]]
    let maxRecordBytes: Int

    /// Whether the file is JSON Lines rather than one document (by extension, else by content).
    static func isJSONLines(_ url: URL) throws -> Bool {
        let ext = url.pathExtension.lowercased()
        if ext == "jsonl" || ext == "ndjson" { return true }
        let head = try ByteChunkReader.head(of: url.path, count: 256 << 10)
        let lines = head.split(separator: 10, maxSplits: 2, omittingEmptySubsequences: true)
        guard lines.count >= 2, head.count > lines[0].count + 1 else { return false }
        let first = Array(lines[0])
        guard first.first(where: { $0 != 32 && $0 != 9 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }) == 123,
              (try? JSONSerialization.jsonObject(with: Data(first))) is [String: Any] else { return false }
        return lines[1].first(where: { $0 != 32 && $0 != 9 && $0 != 13 }) == 123
    }

    /// Calls `body` per record; problems with single records go to `diagnostics`; throws only if the file cannot be read.
    func forEach(diagnostics: any DiagnosticSink, _ body: (Record) throws -> Void) throws {
        let reader = try ByteChunkReader(path: url.path)
        if try Self.isJSONLines(url) {
            var index = 0
            try LineSplitter(maxLineBytes: maxRecordBytes).lines(of: reader) { line in
                switch line {
                case let .line(number, offset, bytes):
                    guard bytes.contains(where: { $0 != 32 && $0 != 9 && $0 != 13 }) else { return }
                    index += 1
                    do {
                        try body(Record(object: try JSONObject(parsing: bytes), pathIndex: 0, index: index, line: number, offset: offset))
                    } catch let error as JSONRecordError {
                        diagnostics.report(ImportDiagnostic(file: url.path, record: index, line: number, field: error.field, message: error.message + "; record skipped"))
                    } catch let error as NSError where error.domain == NSCocoaErrorDomain {
                        diagnostics.report(ImportDiagnostic(file: url.path, record: index, line: number, message: "not valid JSON (\(Self.reason(error))); record skipped"))
                    }
                case let .tooLong(number, length):
                    index += 1
                    diagnostics.report(ImportDiagnostic(file: url.path, record: index, line: number, message: "record of \(length) bytes exceeds the \(maxRecordBytes)-byte limit; record skipped"))
                }
            }
            return
        }
        var scanner = JSONRecordScanner(paths: paths, maxElementBytes: maxRecordBytes)
        try reader.forEachChunk { chunk in
            try scanner.feed(chunk) { event in
                switch event {
                case let .element(element):
                    do {
                        try body(Record(object: try JSONObject(parsing: element.bytes), pathIndex: element.pathIndex, index: element.index, line: element.line))
                    } catch let error as JSONRecordError {
                        diagnostics.report(ImportDiagnostic(file: url.path, record: element.index, line: element.line, field: error.field, message: error.message + "; record skipped"))
                    } catch let error as NSError where error.domain == NSCocoaErrorDomain {
                        diagnostics.report(ImportDiagnostic(file: url.path, record: element.index, line: element.line, message: "not valid JSON (\(Self.reason(error))); record skipped"))
                    }
                case let .tooLarge(_, line, index, bytes):
                    diagnostics.report(ImportDiagnostic(file: url.path, record: index, line: line, message: "record of \(bytes) bytes exceeds the \(maxRecordBytes)-byte limit; record skipped"))
                }
            }
            return true
        }
        if !scanner.isComplete {
            diagnostics.report(ImportDiagnostic(file: url.path, line: scanner.currentLine, message: "the file ends inside a JSON value (truncated export?); records after this point were not read"))
        }
    }

    static func reason(_ error: NSError) -> String {
        (error.userInfo[NSDebugDescriptionErrorKey] as? String) ?? error.localizedDescription
    }
}
