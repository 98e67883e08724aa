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
            let cursor = try Row.fetchCursor(db, sql: """
                \(Self.routingSelect) WHERE \(clauses.joined(separator: " AND ")) ORDER BY t.id LIMIT ?
                """, arguments: arguments)
            var candidates: [RoutingCandidate] = []
            candidates.reserveCapacity(selection.limit)
            while let row = try cursor.next() { candidates.append(Self.candidate(from: row)) }
            return candidates
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

    /// The routing changes stored for a ticket's routed version, if any.
    public func routingOverrides(ticketID: Int64) throws -> RoutingOverrides? {
        try read("reading routing changes") { db in
            RoutingOverrides.decode(try String.fetchOne(db, sql: "SELECT routing_overrides FROM tickets WHERE id = ?",
                                                        arguments: [ticketID]))
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
            // The C API directly: per-execution overhead matters at millions of rows (see `RawStatement`).
            let firing = try RawStatement(db, sql: """
                INSERT INTO rule_firings (ticket_id, rule_id, content_hash, fired_at, matched, actions)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id, rule_id, content_hash) DO NOTHING
                """)
            let escalation = try RawStatement(db, sql: """
                INSERT INTO escalations (firing_id, ticket_id, team, reason, created_at) VALUES (?, ?, ?, ?, ?)
                """)
            let outbox = try RawStatement(db, sql: """
                INSERT INTO outbox (firing_id, kind, target, body, idempotency_key, created_at)
                VALUES (?1, ?6, ?2, ?3, ?4, ?5) ON CONFLICT (idempotency_key) DO NOTHING
                """)
            let ticket = try RawStatement(db, sql: """
                UPDATE tickets SET routed_hash = ?, routing_overrides = ?, routed_facts = ? WHERE id = ? AND content_hash = ?
                """)
            escalation.bind(5, now)  // the same for every row of the batch; bindings survive resets
            outbox.bind(5, now)
            firing.bind(4, now)
            for record in records {
                firing.bind(1, record.ticketID)
                firing.bind(3, record.contentHash)
                for f in record.firings {
                    firing.bind(2, f.ruleID)
                    firing.bind(5, f.matchedJSON)
                    firing.bind(6, f.actionsJSON)
                    guard try firing.run() == 1 else { continue }
                    let firingID = firing.lastInsertedRowID
                    counts.firings += 1
                    if !f.escalations.isEmpty {
                        escalation.bind(1, firingID)
                        escalation.bind(2, record.ticketID)
                        for e in f.escalations {
                            escalation.bind(3, e.team)
                            escalation.bind(4, e.reason)
                            counts.escalations += try escalation.run()
                        }
                    }
                    if !f.notifications.isEmpty {
                        outbox.bind(1, firingID)
                        for n in f.notifications {
                            outbox.bind(2, n.url)
                            outbox.bind(3, n.body)
                            outbox.bind(4, n.idempotencyKey)
                            outbox.bind(6, n.kind)
                            if n.kind == "helpdesk" {
                                counts.writeBacks += try outbox.run()
                            } else {
                                counts.notifications += try outbox.run()
                            }
                        }
                    }
                }
                // A ticket re-imported with new content since it was read keeps its old routed hash: routed again.
                ticket.bind(1, record.contentHash)
                ticket.bind(2, record.overridesJSON)
                ticket.bind(3, record.factsJSON)
                ticket.bind(4, record.ticketID)
                ticket.bind(5, record.contentHash)
                counts.tickets += try ticket.run()
            }
            return counts
        }
    }

    // MARK: - Row mapping

    /// Only the columns routing maps, in the order ``RoutingColumn`` names them: rows are read by index (a by-name
    /// lookup compares names case-insensitively, column by column, and cost more than SQLite's own work here).
    static let routingSelect = """
        SELECT t.id, t.source, t.external_id, CAST(t.subject AS BLOB), t.status, t.channel, t.requester_name, t.requester_email,
            t.organization, t.assignee_email, t.tags, t.custom_fields, t.label_department, t.label_priority,
            t.created_at, t.updated_at, t.imported_at, t.content_hash, t.message_count, t.last_customer_message_at,
            t.first_agent_reply_at, t.last_agent_reply_at, t.routed_hash, t.routed_facts,
            r.department, r.priority, r.sentiment, r.language, r.confidence, r.summary, r.needs_human,
            r.needs_human_reason, r.backend, r.model, r.prompt_version, r.created_at,
            \(MessageFactsSQL.customerText(ticketID: "t.id")),
            (SELECT json_group_array(f.rule_id) FROM rule_firings f
                WHERE f.ticket_id = t.id AND f.content_hash = t.content_hash)
        FROM tickets t JOIN triage_results r ON r.ticket_id = t.id AND r.content_hash = t.content_hash
        """

    /// Column positions in ``routingSelect``.
    enum RoutingColumn {
        static let id = 0, source = 1, externalID = 2, subject = 3, status = 4, channel = 5, requesterName = 6
        static let requesterEmail = 7, organization = 8, assigneeEmail = 9, tags = 10, customFields = 11
        static let labelDepartment = 12, labelPriority = 13, createdAt = 14, updatedAt = 15, importedAt = 16
        static let contentHash = 17, messageCount = 18, lastCustomerMessageAt = 19, firstAgentReplyAt = 20
        static let lastAgentReplyAt = 21, routedHash = 22, routedFacts = 23
        static let department = 24, priority = 25, sentiment = 26, language = 27, confidence = 28, summary = 29
        static let needsHuman = 30, needsHumanReason = 31, backend = 32, model = 33, promptVersion = 34
        static let triagedAt = 35, text = 36, firedRules = 37
    }

    static func candidate(from row: Row) -> RoutingCandidate {
        typealias C = RoutingColumn
        func date(_ index: Int) -> Date? { (row[index] as String?).flatMap(SQLDate.date) }
        let contentHash: String = row[C.contentHash]
        let triage = StoredTriageResult(
            result: TriageResult(
                department: row[C.department], priority: Priority(rawValue: row[C.priority]) ?? .normal,
                sentiment: Sentiment(rawValue: row[C.sentiment]) ?? .neutral, language: row[C.language],
                confidence: row[C.confidence], summary: row[C.summary], needsHuman: row[C.needsHuman],
                needsHumanReason: row[C.needsHumanReason],
                backend: TriageBackend(rawValue: row[C.backend]) ?? .local, model: row[C.model],
                promptVersion: row[C.promptVersion]),
            contentHash: contentHash, createdAt: date(C.triagedAt) ?? .distantPast)
        let requesterName: String? = row[C.requesterName], requesterEmail: String? = row[C.requesterEmail]
        let ticket = StoredTicket(
            id: row[C.id], source: row[C.source], externalID: row[C.externalID],
            // Read as bytes: text is read up to its first NUL, and a subject may hold one.
            subject: (row[C.subject] as Data?).map { String(decoding: $0, as: UTF8.self) } ?? "",
            status: row[C.status], channel: row[C.channel],
            requester: requesterName == nil && requesterEmail == nil ? nil : Participant(name: requesterName, email: requesterEmail),
            organization: row[C.organization], assigneeEmail: row[C.assigneeEmail],
            // The store's own flat JSON, read without `JSONDecoder` (microseconds per call on Linux).
            tags: RoutingJSONReader.strings(row[C.tags]), customFields: RoutingJSONReader.object(row[C.customFields]),
            labelDepartment: row[C.labelDepartment], labelPriority: row[C.labelPriority],
            createdAt: date(C.createdAt), updatedAt: date(C.updatedAt), importedAt: date(C.importedAt) ?? .distantPast,
            contentHash: contentHash, needsTriage: false, messageCount: row[C.messageCount],
            lastCustomerMessageAt: date(C.lastCustomerMessageAt), firstAgentReplyAt: date(C.firstAgentReplyAt),
            messages: [], triage: triage)
        // Unrouted versions have no firings: "[]" is answered without scanning.
        let fired = RoutingJSONReader.strings((row[C.firedRules] as String?) ?? "[]")
        return RoutingCandidate(
            ticket: ticket, text: row[C.text] ?? "", lastAgentReplyAt: date(C.lastAgentReplyAt),
            firedRuleIDs: Set(fired), routedHash: row[C.routedHash], routedFactsJSON: row[C.routedFacts])
    }
}
