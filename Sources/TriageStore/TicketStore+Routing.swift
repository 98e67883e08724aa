import Foundation
import GRDB
import TriageModel

extension TicketStore {
    // MARK: - Reading rule input

    /// Triaged tickets for routing, by ascending store id (page with `selection.afterID`).
    ///
    /// Each carries its current triage result, its customer text, SLA timestamps and the rule ids already fired
    /// for its current content version. Untriaged tickets are never returned: rules read triage fields.
    public func routingCandidates(_ selection: RoutingSelection) throws -> [RoutingCandidate] {
        var clauses = ["t.id > ?"]
        var arguments: StatementArguments = [selection.afterID]
        if selection.unroutedOnly { clauses.append("(t.routed_hash IS NULL OR t.routed_hash <> t.content_hash)") }
        if let since = selection.createdSince { clauses.append("t.created_at >= ?"); arguments += [SQLDate.string(since)] }
        arguments += [selection.limit]
        return try read("reading tickets for routing") { db in
            try Row.fetchAll(db, sql: """
                \(Self.routingSelect) WHERE \(clauses.joined(separator: " AND ")) ORDER BY t.id LIMIT ?
                """, arguments: arguments).map(Self.candidate(from:))
        }
    }

    /// One triaged ticket for routing, by store id or `source:external_id`.
    public func routingCandidate(reference: String) throws -> RoutingCandidate {
        try read("reading ticket \(reference) for routing") { db in
            guard let id = try Self.resolve(reference, db) else { throw StoreError.ticketNotFound(reference) }
            guard let row = try Row.fetchOne(db, sql: "\(Self.routingSelect) WHERE t.id = ?", arguments: [id]) else {
                throw StoreError.database(operation: "reading ticket \(reference) for routing",
                                          underlying: "it has no triage result for its current content; run `triage run` first")
            }
            return Self.candidate(from: row)
        }
    }

    /// The routing changes stored for a ticket's routed version (JSON text), if any.
    public func routingOverrides(ticketID: Int64) throws -> String? {
        try read("reading routing changes") { db in
            try String.fetchOne(db, sql: "SELECT routing_overrides FROM tickets WHERE id = ?", arguments: [ticketID])
        }
    }

    // MARK: - Writing outcomes

    /// Writes routing outcomes in ONE transaction: firings (a firing already stored for the same ticket, rule and
    /// content hash is kept, and its escalations and notifications are not written again), escalations, outbox rows
    /// (insert-or-ignore by idempotency key), the routing changes, the routed facts and the routed content hash.
    ///
    /// Because the outbox rows commit with their firings, a process that dies after this call loses nothing:
    /// the next `deliverDue` sends them.
    @discardableResult
    public func recordRouting(_ records: [RoutingRecord], at date: Date = Date()) throws -> RoutingWriteCounts {
        let now = SQLDate.string(date)
        return try write("recording routing outcomes") { db in
            var counts = RoutingWriteCounts()
            let firing = try db.cachedStatement(sql: """
                INSERT INTO rule_firings (ticket_id, rule_id, content_hash, fired_at, matched, actions)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id, rule_id, content_hash) DO NOTHING
                """)
            let escalation = try db.cachedStatement(sql: """
                INSERT INTO escalations (firing_id, ticket_id, team, reason, created_at) VALUES (?, ?, ?, ?, ?)
                """)
            let outbox = try db.cachedStatement(sql: """
                INSERT INTO outbox (firing_id, kind, target, body, idempotency_key, created_at)
                VALUES (?, 'webhook', ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING
                """)
            let ticket = try db.cachedStatement(sql: """
                UPDATE tickets SET routed_hash = ?, routing_overrides = ?, routed_facts = ? WHERE id = ? AND content_hash = ?
                """)
            for record in records {
                for f in record.firings {
                    try firing.execute(arguments: [record.ticketID, f.ruleID, record.contentHash, now, f.matchedJSON,
                                                   f.actionsJSON])
                    guard db.changesCount == 1 else { continue }
                    let firingID = db.lastInsertedRowID
                    counts.firings += 1
                    for e in f.escalations {
                        try escalation.execute(arguments: [firingID, record.ticketID, e.team, e.reason, now])
                        counts.escalations += 1
                    }
                    for n in f.notifications {
                        try outbox.execute(arguments: [firingID, n.url, n.body, n.idempotencyKey, now])
                        counts.notifications += db.changesCount
                    }
                }
                // A ticket re-imported with new content since it was read keeps its old routed hash: routed again.
                try ticket.execute(arguments: [record.contentHash, record.overridesJSON, record.factsJSON, record.ticketID,
                                                record.contentHash])
                counts.tickets += db.changesCount
            }
            return counts
        }
    }

    // MARK: - Row mapping

    static let routingSelect = """
        SELECT t.*, 0 AS pending,
            r.department AS r_department, r.priority AS r_priority, r.sentiment AS r_sentiment, r.language AS r_language,
            r.confidence AS r_confidence, r.summary AS r_summary, r.needs_human AS r_needs_human,
            r.needs_human_reason AS r_needs_human_reason, r.backend AS r_backend, r.model AS r_model,
            r.prompt_version AS r_prompt_version, r.created_at AS r_created_at,
            (SELECT group_concat(coalesce(m.trimmed_text, m.body_text), char(10)) FROM
                (SELECT trimmed_text, body_text FROM messages WHERE ticket_id = t.id AND role = 'customer' AND is_public = 1
                 ORDER BY position) m) AS routing_text,
            (SELECT json_group_array(f.rule_id) FROM rule_firings f
                WHERE f.ticket_id = t.id AND f.content_hash = t.content_hash) AS fired_rules
        FROM tickets t JOIN triage_results r ON r.ticket_id = t.id AND r.content_hash = t.content_hash
        """

    static func candidate(from row: Row) -> RoutingCandidate {
        let firedText: String = row["fired_rules"] ?? "[]"
        // Unrouted versions have no firings: skip the decoder (it costs microseconds per row on Linux).
        let fired = RoutingJSONReader.strings(firedText)
        return RoutingCandidate(
            ticket: routingTicket(from: row), text: row["routing_text"] ?? "",
            lastAgentReplyAt: (row["last_agent_reply_at"] as String?).flatMap(SQLDate.date),
            firedRuleIDs: Set(fired), routedHash: row["routed_hash"], routedFactsJSON: row["routed_facts"])
    }

    /// `ticket(from:)` for routing rows: the same fields, without `JSONDecoder` for tags and custom fields.
    static func routingTicket(from row: Row) -> StoredTicket {
        func date(_ column: String) -> Date? { (row[column] as String?).flatMap(SQLDate.date) }
        let contentHash: String = row["content_hash"]
        let triage = StoredTriageResult(
            result: TriageResult(
                department: row["r_department"], priority: Priority(rawValue: row["r_priority"]) ?? .normal,
                sentiment: Sentiment(rawValue: row["r_sentiment"]) ?? .neutral, language: row["r_language"],
                confidence: row["r_confidence"], summary: row["r_summary"], needsHuman: row["r_needs_human"],
                needsHumanReason: row["r_needs_human_reason"],
                backend: TriageBackend(rawValue: row["r_backend"]) ?? .local, model: row["r_model"],
                promptVersion: row["r_prompt_version"]),
            contentHash: contentHash, createdAt: date("r_created_at") ?? .distantPast)
        let requesterName: String? = row["requester_name"], requesterEmail: String? = row["requester_email"]
        return StoredTicket(
            id: row["id"], source: row["source"], externalID: row["external_id"], subject: row["subject"],
            status: row["status"], channel: row["channel"],
            requester: requesterName == nil && requesterEmail == nil ? nil : Participant(name: requesterName, email: requesterEmail),
            organization: row["organization"], assigneeEmail: row["assignee_email"],
            tags: RoutingJSONReader.strings(row["tags"]), customFields: RoutingJSONReader.object(row["custom_fields"]),
            labelDepartment: row["label_department"], labelPriority: row["label_priority"],
            createdAt: date("created_at"), updatedAt: date("updated_at"), importedAt: date("imported_at") ?? .distantPast,
            contentHash: contentHash, needsTriage: false, messageCount: row["message_count"],
            lastCustomerMessageAt: date("last_customer_message_at"), firstAgentReplyAt: date("first_agent_reply_at"),
            messages: [], triage: triage)
    }
}
