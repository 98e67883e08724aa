import Foundation
import GRDB
import TriageModel

extension TicketStore {
    // MARK: - Tickets

    /// Tickets matching `filter`, newest first, without messages.
    public func tickets(matching filter: TicketFilter = TicketFilter()) throws -> [StoredTicket] {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let source = filter.source { clauses.append("t.source = ?"); arguments += [source] }
        if let status = filter.status { clauses.append("t.status = ?"); arguments += [status.lowercased()] }
        if let department = filter.department {
            // The routed view: a department set by a rule for the current content comes first.
            clauses.append("""
                coalesce(CASE WHEN t.routed_hash = t.content_hash THEN json_extract(t.routing_overrides, '$.department') END,
                         r.department, t.label_department) = ?
                """)
            arguments += [department]
        }
        if filter.pendingOnly { clauses.append("(t.triaged_hash IS NULL OR t.triaged_hash <> t.content_hash)") }
        if let since = filter.createdSince { clauses.append("t.created_at >= ?"); arguments += [SQLDate.string(since)] }
        let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        arguments += [filter.limit, filter.offset]
        return try read("listing tickets") { db in
            try Row.fetchAll(db, sql: """
                \(Self.ticketSelect) \(whereSQL)
                ORDER BY coalesce(t.created_at, t.imported_at) DESC, t.id DESC LIMIT ? OFFSET ?
                """, arguments: arguments).map(Self.ticket(from:))
        }
    }

    /// One ticket with its messages and attachments, by store id or by `source:external_id` / external id.
    public func ticket(reference: String) throws -> StoredTicket {
        try read("reading ticket \(reference)") { db in
            guard let id = try Self.resolve(reference, db) else { throw StoreError.ticketNotFound(reference) }
            return try Self.detailedTicket(id: id, db)
        }
    }

    /// Streams every ticket with its messages to `body`, oldest first (for `triage export`).
    public func forEachTicket(_ body: (StoredTicket) throws -> Void) throws {
        try read("exporting tickets") { db in
            var lastID: Int64 = 0
            while true {
                let ids = try Int64.fetchAll(db, sql: "SELECT id FROM tickets WHERE id > ? ORDER BY id LIMIT 500",
                                             arguments: [lastID])
                guard let last = ids.last else { break }
                for id in ids { try body(try Self.detailedTicket(id: id, db)) }
                lastID = last
            }
        }
    }

    /// Full-text search over subjects and message text: literal words (every token quoted) or, when the query
    /// says so, FTS5 syntax. Errors name the query, never SQLite's internals.
    public func search(_ query: SearchQuery, limit: Int = 20) throws -> [SearchHit] {
        do {
            return try writer.read { db in
                // A ticket number searched for is first of all the ticket with that number.
                var hits: [SearchHit] = []
                if let number = query.ticketReference {
                    for id in try Self.ticketsNumbered(number, limit: limit, db) {
                        guard let row = try Row.fetchOne(db, sql: "\(Self.ticketSelect) WHERE t.id = ?", arguments: [id]) else { continue }
                        hits.append(SearchHit(ticket: Self.ticket(from: row), snippet: "(ticket \(number))"))
                    }
                }
                let found = Set(hits.map(\.ticket.id))
                for row in try Row.fetchAll(db, sql: """
                    SELECT s.rowid AS hit_id, CAST(snippet(ticket_search, -1, '[', ']', '…', 12) AS BLOB) AS hit_snippet
                    FROM ticket_search s WHERE ticket_search MATCH ? ORDER BY rank LIMIT ?
                    """, arguments: [query.matchExpression, limit]) where hits.count < limit {
                    let id: Int64 = row["hit_id"]
                    guard !found.contains(id),
                          let ticket = try Row.fetchOne(db, sql: "\(Self.ticketSelect) WHERE t.id = ?", arguments: [id]) else { continue }
                    hits.append(SearchHit(ticket: Self.ticket(from: ticket), snippet: (row["hit_snippet"] as String?) ?? ""))
                }
                return hits
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
            // FTS5 reports syntax errors (and "no such column" for `word:`) as plain SQLITE_ERROR.
            throw SearchQueryError.invalidSyntax(query.text)
        } catch {
            throw StoreError.database(operation: "searching", underlying: Self.reason(error))
        }
    }

    /// ``search(_:limit:)`` for a query in FTS5 syntax.
    public func search(_ fts5Query: String, limit: Int = 20) throws -> [SearchHit] {
        try search(try SearchQuery(fts5Query, syntax: .fts5), limit: limit)
    }

    /// Totals for `triage stats`.
    public func statistics() throws -> StoreStatistics {
        try read("computing statistics") { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            func grouped(_ sql: String) throws -> [String: Int] {
                var out: [String: Int] = [:]
                for row in try Row.fetchAll(db, sql: sql) { out[row[0] ?? "(none)"] = row[1] }
                return out
            }
            return StoreStatistics(
                tickets: try count("SELECT count(*) FROM tickets"),
                messages: try count("SELECT count(*) FROM messages"),
                attachments: try count("SELECT count(*) FROM attachments"),
                pendingTriage: try count("SELECT count(*) FROM tickets WHERE triaged_hash IS NULL OR triaged_hash <> content_hash"),
                triaged: try count("SELECT count(*) FROM tickets WHERE triaged_hash = content_hash"),
                bySource: try grouped("SELECT source, count(*) FROM tickets GROUP BY source"),
                byLabelDepartment: try grouped("SELECT label_department, count(*) FROM tickets GROUP BY label_department"),
                byTriageDepartment: try grouped("""
                    SELECT r.department, count(*) FROM tickets t
                    JOIN triage_results r ON r.ticket_id = t.id AND r.content_hash = t.content_hash GROUP BY r.department
                    """),
                importRuns: try count("SELECT count(*) FROM import_runs"),
                importFailures: try count("SELECT coalesce(sum(failed_count), 0) FROM import_runs"),
                llmCalls: try count("SELECT count(*) FROM llm_calls"),
                llmCostUSD: try Double.fetchOne(db, sql: "SELECT coalesce(sum(cost_usd), 0) FROM llm_calls") ?? 0)
        }
    }

    // MARK: - Row mapping

    static let ticketSelect = """
        SELECT t.*, CAST(t.subject AS BLOB) AS subject_text, (t.triaged_hash IS NULL OR t.triaged_hash <> t.content_hash) AS pending,
            r.department AS r_department, r.priority AS r_priority, r.sentiment AS r_sentiment, r.language AS r_language,
            r.confidence AS r_confidence, r.summary AS r_summary, r.needs_human AS r_needs_human,
            r.needs_human_reason AS r_needs_human_reason, r.backend AS r_backend, r.model AS r_model,
            r.prompt_version AS r_prompt_version, r.created_at AS r_created_at
        FROM tickets t LEFT JOIN triage_results r ON r.ticket_id = t.id AND r.content_hash = t.content_hash
        """

    /// Tickets whose external id is `number` (or `source:external_id`), for search.
    static func ticketsNumbered(_ number: String, limit: Int, _ db: Database) throws -> [Int64] {
        if let colon = number.firstIndex(of: ":") {
            let source = String(number[..<colon]), external = String(number[number.index(after: colon)...])
            if let id = try Int64.fetchOne(db, sql: "SELECT id FROM tickets WHERE source = ? AND external_id = ?",
                                           arguments: [source, external]) { return [id] }
        }
        return try Int64.fetchAll(db, sql: "SELECT id FROM tickets WHERE external_id = ? ORDER BY id LIMIT ?", arguments: [number, limit])
    }

    static func resolve(_ reference: String, _ db: Database) throws -> Int64? {
        if let id = Int64(reference), try Int64.fetchOne(db, sql: "SELECT id FROM tickets WHERE id = ?", arguments: [id]) != nil {
            return id
        }
        // Every colon may be the separator: sources stored before `--source` refused ':' may hold one.
        for colon in reference.indices where reference[colon] == ":" {
            let source = String(reference[..<colon]), external = String(reference[reference.index(after: colon)...])
            if let id = try Int64.fetchOne(db, sql: "SELECT id FROM tickets WHERE source = ? AND external_id = ?",
                                           arguments: [source, external]) { return id }
        }
        let matches = try Int64.fetchAll(db, sql: "SELECT id FROM tickets WHERE external_id = ? LIMIT 2", arguments: [reference])
        return matches.count == 1 ? matches[0] : nil
    }

    static func ticket(from row: Row) -> StoredTicket {
        let tags = (try? JSONDecoder().decode([String].self, from: Data((row["tags"] as String).utf8))) ?? []
        let custom = (try? JSONDecoder().decode([String: String].self, from: Data((row["custom_fields"] as String).utf8))) ?? [:]
        func date(_ column: String) -> Date? { (row[column] as String?).flatMap(SQLDate.date) }
        var triage: StoredTriageResult?
        if let department: String = row["r_department"] {
            triage = StoredTriageResult(
                result: TriageResult(
                    department: department, priority: Priority(rawValue: row["r_priority"]) ?? .normal,
                    sentiment: Sentiment(rawValue: row["r_sentiment"]) ?? .neutral, language: row["r_language"],
                    confidence: row["r_confidence"], summary: row["r_summary"], needsHuman: row["r_needs_human"],
                    needsHumanReason: row["r_needs_human_reason"],
                    backend: TriageBackend(rawValue: row["r_backend"]) ?? .local, model: row["r_model"],
                    promptVersion: row["r_prompt_version"]),
                contentHash: row["content_hash"], createdAt: date("r_created_at") ?? .distantPast)
        }
        let requesterName: String? = row["requester_name"], requesterEmail: String? = row["requester_email"]
        return StoredTicket(
            id: row["id"], source: row["source"], externalID: row["external_id"],
            subject: (row["subject_text"] as String?) ?? row["subject"],
            status: row["status"], channel: row["channel"],
            requester: requesterName == nil && requesterEmail == nil ? nil : Participant(name: requesterName, email: requesterEmail),
            organization: row["organization"], assigneeEmail: row["assignee_email"], tags: tags, customFields: custom,
            labelDepartment: row["label_department"], labelPriority: row["label_priority"],
            createdAt: date("created_at"), updatedAt: date("updated_at"), importedAt: date("imported_at") ?? .distantPast,
            contentHash: row["content_hash"], needsTriage: row["pending"], messageCount: row["message_count"],
            lastCustomerMessageAt: date("last_customer_message_at"), firstAgentReplyAt: date("first_agent_reply_at"),
            messages: [], triage: triage)
    }

    static func detailedTicket(id: Int64, _ db: Database) throws -> StoredTicket {
        guard let row = try Row.fetchOne(db, sql: "\(ticketSelect) WHERE t.id = ?", arguments: [id]) else {
            throw StoreError.ticketNotFound(String(id))
        }
        var ticket = ticket(from: row)
        var attachmentsByMessage: [Int64: [AttachmentInfo]] = [:]
        for a in try Row.fetchAll(db, sql: """
            SELECT a.* FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.ticket_id = ? ORDER BY a.id
            """, arguments: [id]) {
            attachmentsByMessage[a["message_id"], default: []].append(AttachmentInfo(
                filename: a["filename"], contentType: a["content_type"], size: a["size"], contentHash: a["content_hash"]))
        }
        ticket.messages = try Row.fetchAll(db, sql: """
            SELECT *, CAST(body_text AS BLOB) AS body_full FROM messages WHERE ticket_id = ? ORDER BY position
            """,
                                           arguments: [id]).map { m in
            let name: String? = m["author_name"], email: String? = m["author_email"]
            return StoredMessage(
                externalID: m["external_id"], position: m["position"],
                author: name == nil && email == nil ? nil : Participant(name: name, email: email),
                role: MessageRole(rawValue: m["role"]) ?? .customer, isPublic: m["is_public"],
                sentAt: (m["sent_at"] as String?).flatMap(SQLDate.date), text: (m["body_full"] as String?) ?? m["body_text"], html: m["body_html"],
                trimmedText: m["trimmed_text"], attachments: attachmentsByMessage[m["id"]] ?? [])
        }
        return ticket
    }
}
