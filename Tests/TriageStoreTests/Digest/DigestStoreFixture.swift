import Foundation
import GRDB
@testable import TriageStore
import TriageModel

/// A small store around Sunday 29 March 2026 in Berlin (a 23-hour day: 2026-03-28T23:00Z ..< 2026-03-29T22:00Z).
///
/// | ticket | created (UTC)      | local day | status                | result (current?)                          |
/// |--------|--------------------|-----------|-----------------------|--------------------------------------------|
/// | A      | 03-29 08:00        | 29th      | open                  | Billing, urgent, negative, en, 0.9, claude |
/// | B      | 03-28 23:30        | 29th      | solved 03-29 12:00    | Tech Support, normal, neutral, de, 0.5, local, needs human |
/// | C      | 03-28 22:30        | 28th      | open, label Sales     | none                                       |
/// | D      | 03-29 22:00        | 30th      | open                  | none                                       |
/// | E      | 03-29 15:00        | 29th      | Closed 03-29 16:00    | none, no label, no channel                 |
/// | F      | 03-10 10:00        | 10th      | open                  | none                                       |
/// | G      | 03-20 10:00        | 20th      | solved 03-28 12:00    | none                                       |
/// | H      | 03-29 06:00        | 29th      | open, label Billing   | Sales, 0.7, claude — for older content (not current) |
enum DigestStoreFixture {
    static let zone = "Europe/Berlin"
    static let day = DigestAggregates.Window(start: instant("2026-03-28T23:00:00Z"), end: instant("2026-03-29T22:00:00Z"))
    static let previousDay = DigestAggregates.Window(start: instant("2026-03-27T23:00:00Z"), end: instant("2026-03-28T23:00:00Z"))
    static let ageRanges: [(minimumHours: Int, maximumHours: Int?)] = [(0, 24), (24, 72), (72, 168), (168, 672), (672, nil)]

    static func instant(_ iso: String) -> Date {
        guard let date = ISO8601DateFormatter().date(from: iso) else { fatalError("bad fixture date \(iso)") }
        return date
    }

    static func ticket(_ id: String, created: String, status: String = "open", updated: String? = nil,
                       channel: String? = "email", label: String? = nil, tags: [String] = [], subject: String? = nil) -> ImportedTicket {
        ImportedTicket(source: "desk", externalID: id, subject: subject ?? "Ticket \(id) subject", status: status,
                       channel: channel, tags: tags, createdAt: instant(created), updatedAt: updated.map(instant),
                       labelDepartment: label,
                       messages: [ImportedMessage(externalID: "\(id)-1", sentAt: instant(created), text: "Body of \(id)")])
    }

    static func result(_ department: String, _ priority: Priority, _ sentiment: Sentiment, language: String = "en",
                       confidence: Double, summary: String, needsHuman: Bool = false, reason: String? = nil,
                       backend: TriageBackend) -> TriageResult {
        TriageResult(department: department, priority: priority, sentiment: sentiment, language: language,
                     confidence: confidence, summary: summary, needsHuman: needsHuman, needsHumanReason: reason,
                     backend: backend, model: backend == .local ? "local-nb" : "claude-haiku-5-5", promptVersion: "p1")
    }

    static func call(at iso: String, input: Int, output: Int, cacheRead: Int = 0, batch: Bool = false, cost: Double?) -> LLMCallRecord {
        LLMCallRecord(purpose: "triage", model: "claude-haiku-5-5",
                      usage: TokenUsage(inputTokens: input, outputTokens: output, cacheReadInputTokens: cacheRead),
                      isBatch: batch, costUSD: cost, latencyMilliseconds: 300, requestID: nil, startedAt: instant(iso),
                      outcome: .succeeded)
    }

    static func make() throws -> TicketStore {
        let store = try TicketStore.inMemory()
        let tickets = [
            ticket("A", created: "2026-03-29T08:00:00Z", tags: ["refund-request"], subject: "Charged twice for my refund request"),
            ticket("B", created: "2026-03-28T23:30:00Z", status: "solved", updated: "2026-03-29T12:00:00Z", channel: "chat",
                   tags: ["refund-request"]),
            ticket("C", created: "2026-03-28T22:30:00Z", label: "Sales"),
            ticket("D", created: "2026-03-29T22:00:00Z"),
            ticket("E", created: "2026-03-29T15:00:00Z", status: "Closed", updated: "2026-03-29T16:00:00Z", channel: nil,
                   tags: ["vip", "plan,\"pro\""]),
            ticket("F", created: "2026-03-10T10:00:00Z"),
            ticket("G", created: "2026-03-20T10:00:00Z", status: "solved", updated: "2026-03-28T12:00:00Z"),
            ticket("H", created: "2026-03-29T06:00:00Z", label: "Billing"),
        ]
        _ = try store.upsert(tickets, runID: nil, now: instant("2026-03-29T20:00:00Z"))
        func id(_ external: String) throws -> Int64 { try store.ticket(reference: "desk:\(external)").id }
        let hashes: [String: String] = Dictionary(uniqueKeysWithValues: tickets.map { ($0.externalID, $0.contentHash) })

        try store.saveTriage(ticketID: id("A"), contentHash: hashes["A"]!,
                             result: result("Billing", .urgent, .negative, confidence: 0.9, summary: "Customer was charged twice", backend: .claude),
                             calls: [call(at: "2026-03-29T09:00:00Z", input: 1000, output: 100, cacheRead: 500, cost: 0.01)],
                             runID: nil, owner: nil, at: instant("2026-03-29T09:00:01Z"))
        try store.saveTriage(ticketID: id("B"), contentHash: hashes["B"]!,
                             result: result("Technical Support", .normal, .neutral, language: "de", confidence: 0.5,
                                            summary: "Login fails after update", needsHuman: true, reason: "unclear request", backend: .local),
                             calls: [], runID: nil, owner: nil, at: instant("2026-03-29T10:00:00Z"))
        // H's result is for content it no longer has: the label decides H's department.
        try store.saveTriage(ticketID: id("H"), contentHash: "older-content",
                             result: result("Sales", .high, .positive, confidence: 0.7, summary: "Old text", backend: .claude),
                             calls: [call(at: "2026-03-29T07:00:00Z", input: 200, output: 20, batch: true, cost: nil)],
                             runID: nil, owner: nil, at: instant("2026-03-29T07:00:01Z"))

        let escalated = [(try id("A"), "2026-03-29T09:30:00.000Z", "urgent-billing", "billing-leads"),
                         (try id("C"), "2026-03-28T20:00:00.000Z", "vip", "sales-leads")]
        try store.write("fixture escalations") { db in
            for (ticket, at, rule, team) in escalated {
                try db.execute(sql: """
                    INSERT INTO rule_firings (ticket_id, rule_id, content_hash, fired_at) VALUES (?, ?, 'h', ?)
                    """, arguments: [ticket, rule, at])
                try db.execute(sql: "INSERT INTO escalations (firing_id, ticket_id, team, reason, created_at) VALUES (?, ?, ?, ?, ?)",
                               arguments: [db.lastInsertedRowID, ticket, team, "rule \(rule) matched", at])
            }
        }

        let run = try store.beginImportRun(file: "exports/day.json", format: "zendesk-json", source: "desk",
                                           at: instant("2026-03-29T05:00:00Z"))
        try store.finishImportRun(id: run, status: .completedWithErrors, counts: ImportCounts(new: 8, updated: 1, failed: 2),
                                  diagnostics: [
                                      ImportDiagnostic(severity: .error, file: "exports/day.json", record: 17, line: 412,
                                                          column: nil, field: "created_at", message: "unreadable date"),
                                      ImportDiagnostic(severity: .warning, file: "exports/day.json", record: 3, line: 40,
                                                          column: nil, field: nil, message: "unknown field"),
                                  ],
                                  duration: .milliseconds(20), at: instant("2026-03-29T05:00:01Z"))
        return store
    }
}
