import Foundation
import GRDB
import TriageModel

/// The individual aggregate queries behind `TicketStore.digestAggregates(for:…)`.
extension TicketStore {
    struct NewTicketTallies {
        var total = 0
        /// New tickets with a result for their current content.
        var triaged = 0
        var departments: [LabelCount] = []
        var priorities: [LabelCount] = []
        var sentiments: [LabelCount] = []
        var channels: [LabelCount] = []
        var languages: [LabelCount] = []
        var notable: [NotableTicket] = []
        var documents: [DigestAggregates.ThemeDocument] = []
    }

    /// One pass over the tickets created in the window (range scan of `tickets_created`, one indexed result lookup each).
    static func newTickets(start: String, end: String, _ db: Database) throws -> NewTicketTallies {
        var departments: [String] = [], priorities: [String] = [], sentiments: [String] = []
        var channels: [String] = [], languages: [String] = []
        var notable: [(rank: Int, item: NotableTicket)] = []
        var documents: [DigestAggregates.ThemeDocument] = []
        var triaged = 0
        let rows = try Row.fetchCursor(db, sql: """
            SELECT t.source, t.external_id, CAST(t.subject AS BLOB) AS subject, t.channel, t.tags, t.label_department, t.label_priority,
                   r.department, r.priority, r.sentiment, r.language, r.summary
            FROM tickets t \(currentResultJoin)
            WHERE t.created_at >= ? AND t.created_at < ?
            ORDER BY t.created_at, t.id
            """, arguments: [start, end])
        while let row = try rows.next() {
            let source: String = row[0], externalID: String = row[1], subject: String = row[2]
            let resultDepartment: String? = row[7], resultPriority: String? = row[8], sentiment: String? = row[9]
            let summary: String? = row[11]
            let department = resultDepartment ?? (row[5] as String?)
            departments.append(department ?? "Untriaged")
            if resultDepartment != nil { triaged += 1 }
            priorities.append(resultPriority ?? (row[6] as String?)?.lowercased() ?? "Untriaged")
            sentiments.append(sentiment ?? "Untriaged")
            channels.append((row[3] as String?) ?? "unknown")
            languages.append((row[10] as String?) ?? "Untriaged")
            documents.append(.init(subject: subject, summary: summary, tags: tagList(row[4])))
            if let resultPriority, let sentiment, resultPriority == Priority.urgent.rawValue || sentiment == Sentiment.negative.rawValue {
                // The schema allows only known values; a store edited by hand is reported, not skipped.
                guard let priority = Priority(rawValue: resultPriority), let feeling = Sentiment(rawValue: sentiment) else {
                    throw StoreError.database(operation: "computing the digest aggregates",
                                              underlying: "ticket \(source):\(externalID) has a triage result with priority `\(resultPriority)` and sentiment `\(sentiment)`, which this version does not know")
                }
                let ticket = TicketReference(id: "\(source):\(externalID)", subject: subject, department: department)
                let rank = (priority == .urgent ? 0 : 2) + (feeling == .negative ? 0 : 1)
                notable.append((rank, NotableTicket(ticket: ticket, priority: priority, sentiment: feeling, summary: summary ?? "")))
            }
        }
        var tallies = NewTicketTallies()
        tallies.total = documents.count
        tallies.triaged = triaged
        tallies.departments = .tally(departments)
        tallies.priorities = .tally(priorities)
        tallies.sentiments = .tally(sentiments)
        tallies.channels = .tally(channels)
        tallies.languages = .tally(languages)
        // Urgent and negative first, then urgent, then negative; creation order inside each (the sort is stable).
        tallies.notable = notable.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element.item)
        tallies.documents = documents
        return tallies
    }

    /// Tickets whose status is closed and that were last updated in the window.
    static func solvedCount(start: String, end: String, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets t WHERE \(closedPredicate) AND t.updated_at >= ? AND t.updated_at < ?",
                         arguments: [start, end]) ?? 0
    }

    /// Open tickets created before `end`.
    static func openCount(createdBefore end: String, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets t WHERE \(openPredicate) AND t.created_at < ?",
                         arguments: [end]) ?? 0
    }

    /// Open tickets per age range at `instant`: ranges become `created_at` spans counted on the open-tickets index.
    static func backlog(at instant: Date, ranges: [(minimumHours: Int, maximumHours: Int?)], _ db: Database) throws -> [Int] {
        let end = SQLDate.string(instant)
        return try ranges.map { range in
            // Age in [minimum, maximum) hours ⇔ created in (instant − maximum, instant − minimum]; never at or after `instant`.
            let newest = SQLDate.string(instant.addingTimeInterval(-Double(range.minimumHours) * 3600))
            if let maximum = range.maximumHours {
                let oldest = SQLDate.string(instant.addingTimeInterval(-Double(maximum) * 3600))
                return try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM tickets t WHERE \(openPredicate) AND t.created_at > ? AND t.created_at <= ? AND t.created_at < ?
                    """, arguments: [oldest, newest, end]) ?? 0
            }
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets t WHERE \(openPredicate) AND t.created_at <= ? AND t.created_at < ?",
                                    arguments: [newest, end]) ?? 0
        }
    }

    static func escalations(start: String, end: String, _ db: Database) throws -> [EscalationEntry] {
        try Row.fetchAll(db, sql: """
            SELECT t.source, t.external_id, CAST(t.subject AS BLOB) AS subject, coalesce(r.department, t.label_department) AS department,
                   f.rule_id, e.team, e.reason
            FROM escalations e
            JOIN rule_firings f ON f.id = e.firing_id
            JOIN tickets t ON t.id = e.ticket_id
            \(currentResultJoin)
            WHERE e.created_at >= ? AND e.created_at < ?
            ORDER BY e.created_at, e.id
            """, arguments: [start, end]).map {
            EscalationEntry(ticket: line($0), ruleID: $0["rule_id"], team: $0["team"], reason: $0["reason"])
        }
    }

    /// Tickets flagged for a person in the window that are still flagged: triage results stored in the window that
    /// ask for a human and are still the ticket's current result, then tickets a routing rule flagged
    /// (`needs_human`) in the window whose routed version is still the current one. A ticket flagged by both is
    /// listed once, with both reasons.
    static func needsHuman(start: String, end: String, _ db: Database) throws -> [HumanReviewEntry] {
        var entries = try Row.fetchAll(db, sql: """
            SELECT t.source, t.external_id, CAST(t.subject AS BLOB) AS subject, r.department, r.needs_human_reason
            FROM triage_results r JOIN tickets t ON t.id = r.ticket_id AND t.content_hash = r.content_hash
            WHERE r.created_at >= ? AND r.created_at < ? AND r.needs_human = 1
            ORDER BY r.created_at, r.id
            """, arguments: [start, end]).map {
            HumanReviewEntry(ticket: line($0), reason: ($0["needs_human_reason"] as String?) ?? "flagged by triage")
        }
        // `actions` is the firing rule's action list as JSON; only rules with a `needs_human` action are read.
        let flagged = try Row.fetchAll(db, sql: """
            SELECT t.source, t.external_id, CAST(t.subject AS BLOB) AS subject, coalesce(r.department, t.label_department) AS department,
                   f.rule_id, json_extract(t.routing_overrides, '$.needs_human_reason') AS reason
            FROM rule_firings f
            JOIN tickets t ON t.id = f.ticket_id AND t.content_hash = f.content_hash AND t.routed_hash = f.content_hash
            \(currentResultJoin)
            WHERE f.fired_at >= ? AND f.fired_at < ? AND f.actions LIKE '%"needs_human"%'
              AND json_extract(t.routing_overrides, '$.needs_human_reason') IS NOT NULL
            ORDER BY f.fired_at, f.id
            """, arguments: [start, end])
        var index = Dictionary(entries.enumerated().map { ($0.element.ticket.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
        for row in flagged {
            let ruleID: String = row["rule_id"], reason: String = row["reason"]
            let text = "rule \(ruleID): \(reason)"
            let ticket = line(row)
            if let at = index[ticket.id] {
                if !entries[at].reason.contains(text) { entries[at].reason += "; " + text }
            } else {
                index[ticket.id] = entries.count
                entries.append(HumanReviewEntry(ticket: ticket, reason: text))
            }
        }
        return entries
    }

    static func triageFigures(start: String, end: String, threshold: Double, _ db: Database) throws -> TriageFigures {
        var figures = TriageFigures(ticketsTriaged: 0, lowConfidenceThreshold: threshold)
        let backends = try Row.fetchAll(db, sql: """
            SELECT backend, count(*) AS n, sum(confidence < ?) AS low FROM triage_results
            WHERE created_at >= ? AND created_at < ? GROUP BY backend
            """, arguments: [threshold, start, end])
        figures.byBackend = backends.map { LabelCount($0["backend"], $0["n"]) }.sortedByCount()
        figures.lowConfidence = backends.reduce(0) { $0 + ($1["low"] as Int) }
        figures.ticketsTriaged = try Int.fetchOne(db, sql: """
            SELECT count(DISTINCT ticket_id) FROM triage_results WHERE created_at >= ? AND created_at < ?
            """, arguments: [start, end]) ?? 0
        if let calls = try Row.fetchOne(db, sql: """
            SELECT count(*) AS calls, coalesce(sum(is_batch), 0) AS batch, coalesce(sum(input_tokens), 0) AS input,
                   coalesce(sum(output_tokens), 0) AS output, coalesce(sum(cache_read_tokens), 0) AS cache_read,
                   coalesce(sum(cache_write_tokens), 0) AS cache_write, coalesce(sum(cache_write_1h_tokens), 0) AS cache_write_1h,
                   total(cost_usd) AS cost, coalesce(sum(cost_usd IS NULL), 0) AS unpriced
            FROM llm_calls WHERE started_at >= ? AND started_at < ?
            """, arguments: [start, end]) {
            figures.calls = calls["calls"]
            figures.batchCalls = calls["batch"]
            figures.tokens = TokenUsage(inputTokens: calls["input"], outputTokens: calls["output"],
                                        cacheReadInputTokens: calls["cache_read"], cacheCreationInputTokens: calls["cache_write"],
                                        cacheCreation1hInputTokens: calls["cache_write_1h"])
            figures.costUSD = calls["cost"]
            figures.unpricedCalls = calls["unpriced"]
        }
        return figures
    }

    static func imports(start: String, end: String, limit: Int, _ db: Database) throws -> DigestAggregates.Imports {
        var imports = DigestAggregates.Imports()
        if let row = try Row.fetchOne(db, sql: """
            SELECT coalesce(sum(new_count + updated_count), 0) AS stored, coalesce(sum(failed_count), 0) AS failed
            FROM import_runs WHERE started_at >= ? AND started_at < ?
            """, arguments: [start, end]) {
            imports.storedRecords = row["stored"]
            imports.failedRecords = row["failed"]
        }
        imports.failures = try Row.fetchAll(db, sql: """
            SELECT d.file, d.line, d.record, d.message FROM import_diagnostics d JOIN import_runs u ON u.id = d.run_id
            WHERE u.started_at >= ? AND u.started_at < ? AND d.severity = 'error'
            ORDER BY d.id LIMIT ?
            """, arguments: [start, end, limit]).map {
            ImportFailureEntry(file: $0["file"], line: $0["line"], record: ($0["record"] as Int?).map(String.init), message: $0["message"])
        }
        return imports
    }

    /// The `tags` column (a JSON array of strings); most tickets have none, so skip the parser for `[]`.
    static func tagList(_ json: String) -> [String] {
        guard json != "[]" else { return [] }
        // `["a","b"]` without escapes (what tags nearly always are): split without a JSON parser.
        if json.hasPrefix("[\""), json.hasSuffix("\"]"), !json.contains("\\") {
            return json.dropFirst(2).dropLast(2).components(separatedBy: "\",\"")
        }
        return ((try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String]) ?? []
    }

    private static func line(_ row: Row) -> TicketReference {
        TicketReference(id: "\(row["source"] as String):\(row["external_id"] as String)",
                        subject: row["subject"], department: row["department"])
    }
}
