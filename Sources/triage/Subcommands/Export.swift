import ArgumentParser
import Foundation
import TriageModel
import TriageStore

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export every ticket with its messages and triage result.",
        discussion: """
            JSON Lines (one ticket per line, messages included), JSON (one array of the same objects) or CSV (one row
            per ticket). JSON keeps the text exactly (control characters escaped); CSV is for people and
            spreadsheets: control characters other than tab and newline are shown as visible stand-ins (␛, ␀).
            A file written with --out is readable by its owner only (0600): it holds customer data.
            """)

    enum Format: String, ExpressibleByArgument {
        case jsonl, json, csv
    }

    @OptionGroup var global: GlobalOptions

    @Option(help: "jsonl or csv.") var format: Format = .jsonl
    @Option(help: "Write to this file instead of stdout.") var out: String?

    func run() throws {
        let store = try global.openReadOnlyStore()
        let handle: FileHandle
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CommandFailure("cannot create \(out)", status: .failure)
            }
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        } else {
            handle = FileHandle.standardOutput
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        var buffer = Data()
        if format == .csv {
            buffer.append(Data((CSVRow.header.map(CSVRow.quote).joined(separator: ",") + "\r\n").utf8))
        }
        if format == .json { buffer.append(Data("[".utf8)) }
        var count = 0
        try store.forEachTicket { ticket in
            count += 1
            switch format {
            case .jsonl:
                buffer.append(DisplayText.escapingControlsInJSON(try encoder.encode(ticket)))
                buffer.append(10)
            case .json:
                buffer.append(Data((count == 1 ? "\n" : ",\n").utf8))
                buffer.append(DisplayText.escapingControlsInJSON(try encoder.encode(ticket)))
            case .csv:
                buffer.append(Data((CSVRow.fields(of: ticket).map(CSVRow.quote).joined(separator: ",") + "\r\n").utf8))
            }
            if buffer.count > 1 << 20 { handle.write(buffer); buffer.removeAll(keepingCapacity: true) }
        }
        if format == .json { buffer.append(Data((count == 0 ? "]\n" : "\n]\n").utf8)) }
        handle.write(buffer)
        if out != nil { try handle.close(); Terminal.err("exported \(count) tickets to \(out!)") }
    }
}

/// One CSV row per ticket.
enum CSVRow {
    static let header = ["id", "source", "external_id", "subject", "status", "channel", "requester_email", "organization",
                         "tags", "label_department", "label_priority", "created_at", "updated_at", "message_count",
                         "department", "priority", "sentiment", "language", "confidence", "summary", "backend", "model",
                         "first_message"]

    static func fields(of t: StoredTicket) -> [String] {
        let r = t.triage?.result
        return [String(t.id), t.source, t.externalID, t.subject, t.status ?? "", t.channel ?? "", t.requester?.email ?? "",
                t.organization ?? "", t.tags.joined(separator: ";"), t.labelDepartment ?? "", t.labelPriority ?? "",
                t.createdAt.map(SQLDate.string) ?? "", t.updatedAt.map(SQLDate.string) ?? "", String(t.messageCount),
                r?.department ?? "", r?.priority.rawValue ?? "", r?.sentiment.rawValue ?? "", r?.language ?? "",
                r.map { String(format: "%.3f", $0.confidence) } ?? "", r?.summary ?? "", r?.backend.rawValue ?? "",
                r?.model ?? "", t.messages.first?.text ?? ""]
    }

    /// RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets do not run it as a formula.
    static func quote(_ field: String) -> String {
        var value = DisplayText.safe(field)
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}
