import ArgumentParser
import Foundation
import TriageModel
import TriageStore

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export every ticket with its messages and triage result.",
        discussion: "JSON Lines (one ticket per line, messages included) or CSV (one row per ticket).")

    enum Format: String, ExpressibleByArgument {
        case jsonl, csv
    }

    @OptionGroup var global: GlobalOptions

    @Option(help: "jsonl or csv.") var format: Format = .jsonl
    @Option(help: "Write to this file instead of stdout.") var out: String?

    func run() throws {
        try reportingErrors {
            let store = try global.openExistingStore()
            let handle: FileHandle
            if let out {
                guard FileManager.default.createFile(atPath: out, contents: nil) else {
                    throw CLIError(message: "cannot create \(out)", exitCode: .failure)
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
            var count = 0
            try store.forEachTicket { ticket in
                count += 1
                switch format {
                case .jsonl:
                    buffer.append(try encoder.encode(ticket))
                    buffer.append(10)
                case .csv:
                    buffer.append(Data((CSVRow.fields(of: ticket).map(CSVRow.quote).joined(separator: ",") + "\r\n").utf8))
                }
                if buffer.count > 1 << 20 { handle.write(buffer); buffer.removeAll(keepingCapacity: true) }
            }
            handle.write(buffer)
            if out != nil { try handle.close(); Terminal.err("exported \(count) tickets to \(out!)") }
        }
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
        var value = field
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}
