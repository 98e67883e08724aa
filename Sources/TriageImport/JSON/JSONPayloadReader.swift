import Foundation
import Synchronization
import TriageModel

/// Reads the ticket records of one vendor's JSON file whatever its documented shape: a list envelope
/// (`{"tickets": [...]}`, streamed), a top-level array or JSON Lines (streamed), or a single object
/// (`{"ticket": {...}}`, a bare ticket: read whole). Refuses, with what it found, a file that is empty, not JSON,
/// of another vendor or of no known shape — a file never silently yields nothing.
struct JSONPayloadReader {
    let url: URL
    let vendor: JSONVendor
    /// Keys of the root object whose arrays hold the records, streamed (`tickets`, `results`).
    let listKeys: [String]
    /// The shapes understood, for messages (`{"tickets": [...]}, {"ticket": {...}}, …`).
    let expected: String
    let maxRecordBytes: Int

    /// What the file turned out to be.
    enum Layout {
        case lines
        case list(paths: [[String]])
        case document(Any)
    }

    /// Decides how to read the file; throws `ImportError` for an empty, non-JSON or foreign file.
    func layout() throws -> Layout {
        let probe = try JSONPayloadProbe.probe(url)
        switch probe.root {
        case .empty:
            throw ImportError.malformed(file: url.path, line: nil, reason: "the file is empty; expected \(expected)")
        case .notJSON:
            throw ImportError.malformed(file: url.path, line: nil, reason: "not JSON; expected \(expected)")
        case .array:
            try check(JSONVendorFingerprint.kind(ofRecordKeys: Set(probe.firstElementKeys)), probe: probe)
            return .list(paths: [[]])
        case .object:
            if try JSONRecordSource.isJSONLines(url) {
                try check(JSONVendorFingerprint.kind(ofRecordKeys: Set(probe.topKeys)), probe: probe)
                return .lines
            }
            if let key = listKeys.first(where: { probe.topKeys.contains($0) }) {
                if !probe.firstArrayRecordKeys.isEmpty, probe.firstArrayKey == key {
                    try check(JSONVendorFingerprint.kind(ofRecordKeys: Set(probe.firstArrayRecordKeys)), probe: probe)
                }
                return .list(paths: listKeys.map { [$0] })
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            if size > maxRecordBytes { return .list(paths: listKeys.map { [$0] }) }
            if let line = probe.trailingCommaLine {
                throw ImportError.malformed(file: url.path, line: line, reason: "a comma before `]` or `}` is not valid JSON; fix or re-export the file")
            }
            return .document(try JSONDocument.load(url, maxBytes: maxRecordBytes))
        }
    }

    /// Refuses records that are clearly another vendor's or not tickets at all.
    func check(_ kind: JSONRecordKind, probe: JSONPayloadProbe) throws {
        switch kind {
        case let .tickets(other?) where other != vendor:
            throw foreign(other, probe: probe)
        case let .messages(other?) where other != vendor:
            throw foreign(other, probe: probe)
        case let .messages(other) where (other ?? vendor) == vendor
            && !(probe.firstElementKeys + probe.topKeys + probe.firstArrayRecordKeys).contains("events"):   // audits are read
            throw ImportError.unexpectedContent(file: url.path, expected: expected, found: "messages of tickets, not tickets (\(probe.keysDescription))",
                                                hint: "import the folder that holds their tickets: messages are attached to their ticket by its id")
        case let .sideLoad(what):
            throw ImportError.unexpectedContent(file: url.path, expected: expected, found: "\(what), not tickets (\(probe.keysDescription))",
                                                hint: "import the folder that holds the tickets; \(what) are read beside them for names and roles")
        default:
            break
        }
    }

    func foreign(_ other: JSONVendor, probe: JSONPayloadProbe) -> ImportError {
        .unexpectedContent(file: url.path, expected: "a \(vendor.displayName) export: \(expected)",
                           found: "a \(other.displayName) export (\(probe.keysDescription))",
                           hint: "import it with --from \(other.format.rawValue), or without --from")
    }

    /// Refusal for a document whose shape is not one of `expected`.
    func unknownShape(_ document: Any) -> ImportError {
        let keys: [String]? = (document as? [String: Any]).map { Array($0.keys) }
            ?? ((document as? [Any])?.first as? [String: Any]).map { Array($0.keys) }
        if let keys, let other = JSONVendorFingerprint.vendor(ofRecordKeys: Set(keys)), other != vendor {
            return .unexpectedContent(file: url.path, expected: "a \(vendor.displayName) export: \(expected)",
                                      found: "a \(other.displayName) export (\(Self.describe(document)))",
                                      hint: "import it with --from \(other.format.rawValue), or without --from")
        }
        return .unexpectedContent(file: url.path, expected: expected, found: Self.describe(document), hint: nil)
    }

    /// `an object with keys `a`, `b``, `an array of objects with keys …`, `an empty array`.
    static func describe(_ document: Any) -> String {
        let found: String
        switch document {
        case let object as [String: Any]: found = "an object with keys " + JSONPayloadProbe.list(Array(object.keys).sorted())
        case let array as [Any]:
            if let first = array.first as? [String: Any] { found = "an array of objects with keys " + JSONPayloadProbe.list(Array(first.keys).sorted()) }
            else { found = array.isEmpty ? "an empty array" : "an array of \(JSONObject.kind(of: array[0]))s" }
        default: found = JSONObject.kind(of: document)
        }
        return found
    }

    /// Streams a list layout's records. A small file (read whole by the probe) is also checked as one JSON
    /// document, so that faults between records (a trailing comma) are reported, once, when no record
    /// diagnostic already covers them.
    func forEach(_ layout: Layout, emitter: JSONTicketEmitter, emit: (ImportRecord) throws -> Void,
                 map: (JSONRecordSource.Record) throws -> ImportedTicket?) throws {
        let counting = CountingSink(base: emitter.diagnostics)
        let counted = JSONTicketEmitter(url: emitter.url, diagnostics: counting)
        try withoutActuallyEscaping(map) { map in try counted.run(stream(layout), emit: emit, map: map) }
        guard counting.errors == 0, case .list = layout, let head = try? ByteChunkReader.head(of: url.path, count: 1 << 20) else { return }
        let probe = JSONPayloadProbe(head: head)
        if let line = probe.trailingCommaLine {
            emitter.diagnostics.report(ImportDiagnostic(file: url.path, line: line, message: "a comma before `]` or `}` is not valid JSON; the records that could be read were imported — fix or re-export the file"))
            return
        }
        guard probe.sawEnd else { return }
        do {
            _ = try JSONSerialization.jsonObject(with: Data(head), options: [.fragmentsAllowed])
        } catch let error as NSError {
            emitter.diagnostics.report(ImportDiagnostic(file: url.path, message: "the file is not valid JSON (\(JSONRecordSource.reason(error))); the records that could be read were imported — fix or re-export the file"))
        }
    }

    /// Reads every record of the file in `layout`: lists and JSON Lines streamed (``forEach(_:emitter:emit:map:)``), a
    /// whole document through `documentObjects`, the vendor's rule for where its records are in one document
    /// (`[]`, or a throw with a better message, when they are nowhere: then the shape is reported as unknown).
    func read(_ layout: Layout, emitter: JSONTicketEmitter, emit: (ImportRecord) throws -> Void,
              map: (JSONRecordSource.Record) throws -> ImportedTicket?,
              documentObjects: (Any) throws -> [JSONObject]) throws {
        switch layout {
        case .lines, .list:
            try forEach(layout, emitter: emitter, emit: emit, map: map)
        case let .document(document):
            let objects = try documentObjects(document)
            if objects.isEmpty { throw unknownShape(document) }
            try emitter.run(records: Self.records(objects), emit: emit, map: map)
        }
    }

    /// Streams the records of a list layout.
    func stream(_ layout: Layout) -> JSONRecordSource {
        switch layout {
        case let .list(paths): JSONRecordSource(url: url, paths: paths, maxRecordBytes: maxRecordBytes)
        default: JSONRecordSource(url: url, paths: [[]], maxRecordBytes: maxRecordBytes)
        }
    }

    /// In-memory records as stream records (index 1…n, line unknown → 1).
    static func records(_ objects: [JSONObject]) -> [JSONRecordSource.Record] {
        objects.enumerated().map { JSONRecordSource.Record(object: $0.element, pathIndex: 0, index: $0.offset + 1, line: 1) }
    }

    /// The objects of an array (non-objects dropped).
    static func objects(_ value: Any?) -> [JSONObject] {
        (value as? [Any])?.compactMap { ($0 as? [String: Any]).map(JSONObject.init) } ?? []
    }
}

/// Counts the errors passing through.
final class CountingSink: DiagnosticSink {
    let base: any DiagnosticSink
    private let errorCount = Atomic(0)

    init(base: any DiagnosticSink) {
        self.base = base
    }

    func report(_ diagnostic: ImportDiagnostic) {
        if diagnostic.severity == .error { errorCount.add(1, ordering: .relaxed) }
        base.report(diagnostic)
    }

    var errors: Int { errorCount.load(ordering: .relaxed) }
}

/// A sink that passes on what concerns single records and drops file-level notes (a second pass over a file that
/// another pass already reports on).
struct RecordDiagnosticsOnly: DiagnosticSink {
    let base: any DiagnosticSink

    func report(_ diagnostic: ImportDiagnostic) {
        if diagnostic.record != nil { base.report(diagnostic) }
    }
}
