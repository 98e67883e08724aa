import Foundation
import TriageModel

/// Users, groups, organizations and comments that Zendesk exports side-load or put in companion files.
struct ZendeskDirectory {
    struct User {
        var participant: Participant
        var isAgent: Bool
    }

    var users: [Int: User] = [:]
    var groups: [Int: String] = [:]
    var organizations: [Int: String] = [:]
    /// Comments side-loaded in the main document or from JSON-document companions (small), by ticket id.
    private var loadedComments: [Int: [JSONObject]] = [:]
    /// Comments in JSON Lines companions: only their positions are held, so memory grows with the number of
    /// comments (≈ 20 bytes each), not with their text.
    private var commentIndex = CommentOffsetIndex()

    mutating func load(companionsOf url: URL, mainIsJSONLines: Bool, maxRecordBytes: Int,
                       diagnostics: any DiagnosticSink) throws {
        let folder = url.deletingLastPathComponent()
        if !mainIsJSONLines {
            try absorb(JSONRecordSource(url: url, paths: [["users"], ["groups"], ["organizations"], ["comments"]],
                                        maxRecordBytes: maxRecordBytes), kind: nil, diagnostics: diagnostics)
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names.sorted() where name != url.lastPathComponent {
            let lower = name.lowercased()
            guard lower.hasSuffix(".json") || lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") else { continue }
            let file = folder.appendingPathComponent(name)
            let stem = lower.split(separator: ".").first.map(String.init) ?? lower
            let kind: String? = ["users", "groups", "organizations"].first { stem == $0 || stem.hasSuffix("_" + $0) || stem.hasSuffix("-" + $0) }
                ?? (lower.contains("comments") ? "comments" : nil) ?? Self.kind(byContentOf: file)
            guard let kind else { continue }
            if kind == "comments", try JSONRecordSource.isJSONLines(file) {
                try commentIndex.index(file, maxRecordBytes: maxRecordBytes, diagnostics: diagnostics)
            } else {
                try absorb(JSONRecordSource(url: file, paths: [[kind], []], maxRecordBytes: maxRecordBytes), kind: kind,
                           diagnostics: diagnostics)
            }
        }
    }

    /// A companion's kind from its content when its name does not say (`agents.json`, `export-people.json`).
    static func kind(byContentOf file: URL) -> String? {
        guard let probe = try? JSONPayloadProbe.probe(file, headBytes: 64 << 10) else { return nil }
        switch JSONVendorFingerprint.kind(of: probe) {
        case let .sideLoad(what):
            switch what {
            case "users", "agents", "contacts": return "users"
            case "organizations", "companies": return "organizations"
            case "groups": return "groups"
            default: return nil
            }
        case .messages(.zendesk), .messages(nil):
            return (probe.firstElementKeys + probe.firstArrayRecordKeys + probe.topKeys).contains("ticket_id") ? "comments" : nil
        default:
            return nil
        }
    }

    private mutating func absorb(_ source: JSONRecordSource, kind: String?, diagnostics: any DiagnosticSink) throws {
        let kinds = ["users", "groups", "organizations", "comments"]
        try source.forEach(diagnostics: diagnostics) { record in
            let o = record.object
            switch kind ?? kinds[record.pathIndex] {
            case "users":
                guard let id = o.int("id") else { return }
                let role = o.string("role")?.lowercased() ?? "end-user"
                users[id] = User(participant: Participant(name: o.string("name"), email: o.string("email")),
                                 isAgent: role == "agent" || role == "admin")
            case "groups":
                if let id = o.int("id"), let name = o.string("name") { groups[id] = name }
            case "organizations":
                if let id = o.int("id"), let name = o.string("name") { organizations[id] = name }
            default:
                if let ticketID = o.int("ticket_id") { loadedComments[ticketID, default: []].append(o) }
            }
        }
    }

    /// The comments of one ticket, oldest first as exported.
    func comments(for ticketID: Int) throws -> [JSONObject] {
        try (loadedComments[ticketID] ?? []) + commentIndex.comments(for: ticketID)
    }
}

/// Where each ticket's comments are in JSON Lines companion files: sorted (ticket id, file, offset, length).
struct CommentOffsetIndex {
    private struct Entry {
        var ticketID: Int64
        var file: Int32
        var length: Int32
        var offset: Int64
    }

    private var entries: [Entry] = []
    private var files: [URL] = []
    private var sorted = true

    mutating func index(_ url: URL, maxRecordBytes: Int, diagnostics: any DiagnosticSink) throws {
        let fileIndex = Int32(files.count)
        files.append(url)
        let reader = try ByteChunkReader(path: url.path)
        try LineSplitter(maxLineBytes: maxRecordBytes).lines(of: reader) { line in
            guard case let .line(number, offset, bytes) = line, !bytes.isEmpty else { return }
            guard let object = try? JSONObject(parsing: bytes), let ticketID = object.int("ticket_id") else {
                diagnostics.report(ImportDiagnostic(severity: .warning, file: url.path, line: number, field: "ticket_id",
                                                    message: "comment without a readable ticket_id; ignored"))
                return
            }
            if let last = entries.last, last.ticketID > Int64(ticketID) { sorted = false }
            entries.append(Entry(ticketID: Int64(ticketID), file: fileIndex, length: Int32(bytes.count), offset: offset))
        }
        if !sorted { entries.sort { ($0.ticketID, $0.file, $0.offset) < ($1.ticketID, $1.file, $1.offset) }; sorted = true }
    }

    func comments(for ticketID: Int) throws -> [JSONObject] {
        guard !entries.isEmpty else { return [] }
        var low = 0, high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].ticketID < Int64(ticketID) { low = mid + 1 } else { high = mid }
        }
        var result: [JSONObject] = []
        var handles: [Int32: FileHandle] = [:]
        defer { for handle in handles.values { try? handle.close() } }
        while low < entries.count, entries[low].ticketID == Int64(ticketID) {
            let entry = entries[low]
            let handle = try handles[entry.file] ?? FileHandle(forReadingFrom: files[Int(entry.file)])
            handles[entry.file] = handle
            try handle.seek(toOffset: UInt64(entry.offset))
            if let data = try handle.read(upToCount: Int(entry.length)), let object = try? JSONObject(parsing: Array(data)) {
                result.append(object)
            }
            low += 1
        }
        return result
    }
}
