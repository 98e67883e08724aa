import Foundation
import GRDB
import TriageModel

/// A ticket handed to triage: its id, the content version being triaged and the messages to read.
public struct TicketForTriage: Sendable, Hashable {
    public var id: Int64
    public var contentHash: String
    public var subject: String
    public var channel: String?
    public var messages: [Message]
    public var labelDepartment: String?
    public var labelPriority: String?

    /// A message as triage reads it.
    public struct Message: Sendable, Hashable {
        public var role: MessageRole
        public var isPublic: Bool
        public var text: String
        /// Text with quotes and signatures removed, when the importer found any.
        public var trimmedText: String?

        public init(role: MessageRole, isPublic: Bool, text: String, trimmedText: String?) {
            self.role = role
            self.isPublic = isPublic
            self.text = text
            self.trimmedText = trimmedText
        }
    }

    public init(id: Int64, contentHash: String, subject: String, channel: String?, messages: [Message],
                labelDepartment: String? = nil, labelPriority: String? = nil) {
        self.id = id
        self.contentHash = contentHash
        self.subject = subject
        self.channel = channel
        self.messages = messages
        self.labelDepartment = labelDepartment
        self.labelPriority = labelPriority
    }
}

/// How a triage run ended.
public enum TriageRunStatus: String, Sendable, Codable {
    case running, completed, interrupted, failed
    case budgetExhausted = "budget_exhausted"
}

extension TicketStore {
    // MARK: - Runs

    /// Records the start of a triage run.
    public func beginTriageRun(backend: String, budgetUSD: Double?, at date: Date = Date()) throws -> Int64 {
        try write("starting a triage run") { db in
            try db.execute(sql: "INSERT INTO triage_runs (started_at, backend, budget_usd) VALUES (?, ?, ?)",
                           arguments: [SQLDate.string(date), backend, budgetUSD])
            return db.lastInsertedRowID
        }
    }

    /// Records how a triage run ended.
    public func finishTriageRun(id: Int64, status: TriageRunStatus, triaged: Int, failed: Int, spentUSD: Double,
                                at date: Date = Date()) throws {
        try write("finishing triage run \(id)") { db in
            try db.execute(sql: """
                UPDATE triage_runs SET finished_at = ?, status = ?, triaged_count = ?, failed_count = ?, spent_usd = ? WHERE id = ?
                """, arguments: [SQLDate.string(date), status.rawValue, triaged, failed, spentUSD, id])
        }
    }

    // MARK: - Leases

    /// Takes up to `limit` tickets waiting for triage that no live run holds, and leases them to `owner`
    /// until `now + leaseDuration`. Leases of dead runs expire and are taken over.
    public func leasePendingTickets(owner: String, limit: Int, leaseDuration: TimeInterval = 600,
                                    now: Date = Date()) throws -> [TicketForTriage] {
        try write("leasing tickets for triage") { db in
            let nowText = SQLDate.string(now)
            try db.execute(sql: "DELETE FROM triage_leases WHERE expires_at <= ?", arguments: [nowText])
            let ids = try Int64.fetchAll(db, sql: """
                SELECT t.id FROM tickets t
                WHERE (t.triaged_hash IS NULL OR t.triaged_hash <> t.content_hash)
                  AND NOT EXISTS (SELECT 1 FROM triage_leases l WHERE l.ticket_id = t.id)
                  -- a ticket in a submitted, uncollected batch (or in a submission journaled and maybe sent: status
                  -- `submitting`) is already paid for: leave it to the batch
                  AND NOT EXISTS (SELECT 1 FROM batch_items i JOIN batches b ON b.id = i.batch_id
                                  WHERE i.ticket_id = t.id AND i.content_hash = t.content_hash AND b.collected_at IS NULL)
                ORDER BY t.id LIMIT ?
                """, arguments: [limit])
            let expires = SQLDate.string(now.addingTimeInterval(leaseDuration))
            let insert = try db.cachedStatement(sql: "INSERT INTO triage_leases (ticket_id, owner, expires_at) VALUES (?, ?, ?)")
            for id in ids { try insert.execute(arguments: [id, owner, expires]) }
            return try ids.map { try Self.ticketForTriage(id: $0, db) }
        }
    }

    /// Who holds leases now (live leases only), ordered by run: for saying which run holds which tickets.
    public func leaseHolders(now: Date = Date()) throws -> [LeaseHolder] {
        try read("reading triage leases") { db in
            var byOwner: [String: (ids: [Int64], expires: Date)] = [:]
            var order: [String] = []
            for row in try Row.fetchAll(db, sql: """
                SELECT ticket_id, owner, expires_at FROM triage_leases WHERE expires_at > ? ORDER BY owner, ticket_id
                """, arguments: [SQLDate.string(now)]) {
                let owner: String = row["owner"]
                let expires = SQLDate.date(row["expires_at"]) ?? now
                if byOwner[owner] == nil { order.append(owner) }
                byOwner[owner, default: ([], expires)].ids.append(row["ticket_id"])
                byOwner[owner]!.expires = max(byOwner[owner]!.expires, expires)
            }
            return order.map { LeaseHolder(owner: LeaseOwner(text: $0), ticketIDs: byOwner[$0]!.ids, expiresAt: byOwner[$0]!.expires) }
        }
    }

    /// What ``takeOverDeadRuns(now:staleAfter:isGone:)`` did.
    public struct LeaseTakeover: Sendable, Hashable {
        /// Leases released, by the dead run that held them.
        public var released: [LeaseHolder] = []
        /// Runs marked `interrupted`.
        public var interruptedRuns: [Int64] = []
        public init() {}
    }

    /// Releases the leases of runs whose process is gone (`isGone`, by default: on this host, no such pid) and
    /// marks those runs `interrupted`, as a rerun after `kill -9` needs. A run still marked `running` that holds
    /// no lease and started more than `staleAfter` ago is marked `interrupted` too (a live run holds leases
    /// while it works; should it still be alive, its own end overwrites the status).
    ///
    /// `runs` adds runs to take over whatever their process (`triage run --take-over RUN`).
    public func takeOverDeadRuns(now: Date = Date(), staleAfter: TimeInterval = 600, runs: Set<Int64> = [],
                                 isGone: (LeaseOwner) -> Bool = { $0.processIsGone }) throws -> LeaseTakeover {
        let holders = try leaseHolders(now: now)
        let dead = holders.filter { holder in isGone(holder.owner) || holder.owner.runID.map(runs.contains) == true }
        return try write("taking over the leases of ended runs") { db in
            var takeover = LeaseTakeover()
            for holder in dead {
                try db.execute(sql: "DELETE FROM triage_leases WHERE owner = ?", arguments: [holder.owner.text])
                takeover.released.append(holder)
                if let runID = holder.owner.runID {
                    try db.execute(sql: """
                        UPDATE triage_runs SET status = 'interrupted', finished_at = coalesce(finished_at, ?)
                        WHERE id = ? AND status = 'running'
                        """, arguments: [SQLDate.string(now), runID])
                    if db.changesCount > 0 { takeover.interruptedRuns.append(runID) }
                }
            }
            let leasedRuns = Set(holders.filter { !dead.contains($0) }.compactMap(\.owner.runID))
            let stale = try Int64.fetchAll(db, sql: """
                SELECT id FROM triage_runs WHERE status = 'running' AND started_at <= ? ORDER BY id
                """, arguments: [SQLDate.string(now.addingTimeInterval(-staleAfter))])
            let hasLegacyLeases = holders.contains { $0.owner.runID == nil }
            for runID in stale where !leasedRuns.contains(runID) && !hasLegacyLeases {
                try db.execute(sql: "UPDATE triage_runs SET status = 'interrupted', finished_at = ? WHERE id = ? AND status = 'running'",
                               arguments: [SQLDate.string(now), runID])
                takeover.interruptedRuns.append(runID)
            }
            return takeover
        }
    }

    /// Gives leased tickets back without a result (they stay pending).
    public func releaseLeases(owner: String, ticketIDs: [Int64]? = nil) throws {
        try write("releasing leases") { db in
            if let ticketIDs {
                let statement = try db.cachedStatement(sql: "DELETE FROM triage_leases WHERE owner = ? AND ticket_id = ?")
                for id in ticketIDs { try statement.execute(arguments: [owner, id]) }
            } else {
                try db.execute(sql: "DELETE FROM triage_leases WHERE owner = ?", arguments: [owner])
            }
        }
    }

    /// Tickets waiting for triage, without leasing them (for `--dry-run`).
    public func pendingTickets(limit: Int) throws -> [TicketForTriage] {
        try read("reading pending tickets") { db in
            try Int64.fetchAll(db, sql: """
                SELECT id FROM tickets WHERE triaged_hash IS NULL OR triaged_hash <> content_hash ORDER BY id LIMIT ?
                """, arguments: [limit]).map { try Self.ticketForTriage(id: $0, db) }
        }
    }

    // MARK: - Results

    /// Stores the result for one content version together with the model calls behind it, marks the ticket
    /// triaged (when its content did not change meanwhile) and releases its lease — all in one transaction, so a
    /// crash never leaves a paid call unrecorded next to a missing result.
    ///
    /// Returns `false` when a result for this content version already existed (nothing is overwritten).
    @discardableResult
    public func saveTriage(ticketID: Int64, contentHash: String, result: TriageResult, calls: [LLMCallRecord],
                           runID: Int64?, owner: String?, at date: Date = Date()) throws -> Bool {
        try write("saving the triage of ticket \(ticketID)") { db in
            try Self.insertCalls(calls, ticketID: ticketID, runID: runID, db)
            let inserted = try Self.insertResult(result, ticketID: ticketID, contentHash: contentHash, runID: runID, at: date, db)
            if let owner {
                try db.execute(sql: "DELETE FROM triage_leases WHERE ticket_id = ? AND owner = ?", arguments: [ticketID, owner])
            }
            return inserted
        }
    }

    /// Inserts the result for one content version (never replacing one) and marks the ticket triaged when that
    /// version is still current. Returns whether a result was inserted.
    @discardableResult
    static func insertResult(_ result: TriageResult, ticketID: Int64, contentHash: String, runID: Int64?, at date: Date,
                             _ db: Database) throws -> Bool {
        try db.execute(sql: """
            INSERT INTO triage_results (ticket_id, content_hash, run_id, department, priority, sentiment, language,
                confidence, summary, needs_human, needs_human_reason, backend, model, prompt_version, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (ticket_id, content_hash) DO NOTHING
            """, arguments: [ticketID, contentHash, runID, result.department, result.priority.rawValue,
                             result.sentiment.rawValue, result.language, min(max(result.confidence, 0), 1),
                             result.summary, result.needsHuman, result.needsHumanReason, result.backend.rawValue,
                             result.model, result.promptVersion, SQLDate.string(date)])
        let inserted = db.changesCount > 0
        try db.execute(sql: "UPDATE tickets SET triaged_hash = ?1 WHERE id = ?2 AND content_hash = ?1",
                       arguments: [contentHash, ticketID])
        return inserted
    }

    /// Records model calls that produced no result (failed or invalid answers), so their cost is never lost.
    public func recordCalls(_ calls: [LLMCallRecord], ticketID: Int64?, runID: Int64?) throws {
        guard !calls.isEmpty else { return }
        try write("recording model calls") { db in try Self.insertCalls(calls, ticketID: ticketID, runID: runID, db) }
    }

    static func insertCalls(_ calls: [LLMCallRecord], ticketID: Int64?, runID: Int64?, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO llm_calls (ticket_id, run_id, purpose, model, input_tokens, output_tokens, cache_read_tokens,
                cache_write_tokens, cache_write_1h_tokens, is_batch, cost_usd, latency_ms, request_id, started_at, outcome, error)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for c in calls {
            try statement.execute(arguments: [
                ticketID, runID, c.purpose, c.model, c.usage.inputTokens, c.usage.outputTokens, c.usage.cacheReadInputTokens,
                c.usage.cacheCreationInputTokens, c.usage.cacheCreation1hInputTokens, c.isBatch, c.costUSD,
                c.latencyMilliseconds, c.requestID, SQLDate.string(c.startedAt), c.outcome.rawValue, c.error,
            ])
        }
    }

    /// Total recorded model spend in USD (optionally for one run).
    public func spentUSD(runID: Int64? = nil) throws -> Double {
        try read("summing model spend") { db in
            if let runID {
                return try Double.fetchOne(db, sql: "SELECT coalesce(sum(cost_usd), 0) FROM llm_calls WHERE run_id = ?", arguments: [runID]) ?? 0
            }
            return try Double.fetchOne(db, sql: "SELECT coalesce(sum(cost_usd), 0) FROM llm_calls") ?? 0
        }
    }

    // MARK: - Training data

    /// Every ticket with a human department label, oldest first, streamed to `body` (for training and evaluation).
    public func forEachLabelledTicket(_ body: (TicketForTriage) throws -> Void) throws {
        try read("reading labelled tickets") { db in
            var lastID: Int64 = 0
            while true {
                let ids = try Int64.fetchAll(db, sql: """
                    SELECT id FROM tickets WHERE label_department IS NOT NULL AND id > ? ORDER BY id LIMIT 1000
                    """, arguments: [lastID])
                guard let last = ids.last else { return }
                for id in ids { try body(try Self.ticketForTriage(id: id, db)) }
                lastID = last
            }
        }
    }

    static func ticketForTriage(id: Int64, _ db: Database) throws -> TicketForTriage {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT id, content_hash, subject, channel, label_department, label_priority FROM tickets WHERE id = ?
            """, arguments: [id]) else { throw StoreError.ticketNotFound(String(id)) }
        let messages = try Row.fetchAll(db, sql: """
            SELECT role, is_public, body_text, trimmed_text FROM messages WHERE ticket_id = ? ORDER BY position
            """, arguments: [id]).map {
            TicketForTriage.Message(role: MessageRole(rawValue: $0["role"]) ?? .customer, isPublic: $0["is_public"],
                                    text: $0["body_text"], trimmedText: $0["trimmed_text"])
        }
        return TicketForTriage(id: row["id"], contentHash: row["content_hash"], subject: row["subject"], channel: row["channel"],
                               messages: messages, labelDepartment: row["label_department"], labelPriority: row["label_priority"])
    }
}
