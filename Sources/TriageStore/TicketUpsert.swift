import Foundation
import GRDB
import TriageModel

/// The per-ticket work of `TicketStore.upsert`, inside one write transaction.
struct TicketUpsert {
    let db: Database
    let runID: Int64?
    let now: String
    let threadWindow: TimeInterval
    /// The inserts every new ticket runs, bound through the C API (a first import runs them millions of times).
    private let insertTicketIfAbsent: RawStatement
    private let insertTicket: RawStatement
    private let insertMessageRow: RawStatement
    private let insertSearchRow: RawStatement
    private let lookupTicket: RawStatement
    /// Whether the last unthreaded ticket of this transaction was already stored: a re-import then looks each
    /// ticket up first, a first import tries the insert first (each saves the other's wasted step).
    private var lastWasKnown = false

    init(db: Database, runID: Int64?, now: String, threadWindow: TimeInterval) throws {
        self.db = db
        self.runID = runID
        self.now = now
        self.threadWindow = threadWindow
        let insertTicketSQL = """
            INSERT INTO tickets (source, external_id, subject, status, channel, requester_name, requester_email,
                organization, assignee_email, tags, custom_fields, label_department, label_priority, created_at,
                updated_at, imported_at, import_run_id, record_hash, content_hash, thread_key, message_count,
                last_customer_message_at, first_agent_reply_at, last_agent_reply_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        insertTicketIfAbsent = try RawStatement(db, sql: insertTicketSQL + " ON CONFLICT (source, external_id) DO NOTHING")
        insertTicket = try RawStatement(db, sql: insertTicketSQL)
        insertMessageRow = try RawStatement(db, sql: """
            INSERT INTO messages (ticket_id, external_id, position, author_name, author_email, role, is_public,
                sent_at, body_text, body_html, trimmed_text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertSearchRow = try RawStatement(db, sql: "INSERT INTO ticket_search (rowid, subject, body) VALUES (?, ?, ?)")
        lookupTicket = try RawStatement(db, sql: "SELECT id, record_hash FROM tickets WHERE source = ? AND external_id = ?")
    }

    mutating func upsert(_ prepared: PreparedTicket) throws -> UpsertOutcome {
        let ticket = prepared.ticket
        // Unthreaded records: unless the last one was known, try the insert first; the unique key says whether
        // the ticket is new, which spares new tickets (the bulk of a first import) a separate lookup.
        if ticket.threadHints == nil, !lastWasKnown {
            if try insert(prepared, ifAbsent: true) { return .new }
            lastWasKnown = true
        }
        lookupTicket.bind(1, ticket.source); lookupTicket.bind(2, ticket.externalID)
        if try lookupTicket.step() {
            let id = lookupTicket.int64(column: 0)
            let same = lookupTicket.textEquals(column: 1, prepared.recordHash)
            // Mail: one Message-ID, one message; copies that differ in transport headers keep the same winner
            // whatever the order (see TicketUpsert+Threading).
            let keepStored = !same && ticket.threadHints != nil
                && ThreadKey.keepsStoredCopy(stored: lookupTicket.text(column: 1), incoming: prepared.recordHash)
            lookupTicket.reset()
            if ticket.threadHints == nil { lastWasKnown = true }
            if same || keepStored { return .unchanged }
            return try update(ticketID: id, with: prepared, isSameRecord: true)
        }
        if ticket.threadHints == nil {
            lastWasKnown = false
            _ = try insert(prepared, ifAbsent: false)
            return .new
        }
        if let hints = ticket.threadHints { return try upsertThreaded(prepared, hints: hints) }
        _ = try insert(prepared, ifAbsent: false)
        return .new
    }

    // MARK: - Insert

    /// Inserts the ticket with its messages and search row. With `ifAbsent`, a ticket whose key exists is left
    /// alone and `false` is returned.
    func insert(_ prepared: PreparedTicket, ifAbsent: Bool) throws -> Bool {
        let ticket = prepared.ticket
        let statement = ifAbsent ? insertTicketIfAbsent : insertTicket
        statement.bind(1, ticket.source); statement.bind(2, ticket.externalID); statement.bind(3, ticket.subject)
        statement.bind(4, ticket.status); statement.bind(5, ticket.channel); statement.bind(6, ticket.requester?.name)
        statement.bind(7, ticket.requester?.email); statement.bind(8, ticket.organization)
        statement.bind(9, ticket.assignee?.email); statement.bind(10, prepared.tagsJSON)
        statement.bind(11, prepared.customFieldsJSON); statement.bind(12, ticket.labelDepartment)
        statement.bind(13, ticket.labelPriority); statement.bind(14, prepared.createdAt); statement.bind(15, prepared.updatedAt)
        statement.bind(16, now); statement.bind(17, runID); statement.bind(18, prepared.recordHash)
        statement.bind(19, prepared.contentHash); statement.bind(20, ticket.threadHints?.subjectKey)
        statement.bind(21, prepared.messages.count); statement.bind(22, prepared.lastCustomerMessageAt)
        statement.bind(23, prepared.firstAgentReplyAt); statement.bind(24, prepared.lastAgentReplyAt)
        let inserted = try statement.run()
        if ifAbsent, inserted == 0 { return false }
        let ticketID = db.lastInsertedRowID
        for (position, message) in prepared.messages.enumerated() {
            try insertMessage(message, ticketID: ticketID, position: position)
        }
        if ticket.threadHints != nil { try rememberThreadRef(ticket.externalID, source: ticket.source, ticketID: ticketID) }
        try indexForSearch(ticketID: ticketID, subject: ticket.subject, body: prepared.searchBody)
        return true
    }

    func insertMessage(_ prepared: PreparedMessage, ticketID: Int64, position: Int) throws {
        let message = prepared.message
        let row = insertMessageRow
        row.bind(1, ticketID); row.bind(2, prepared.id); row.bind(3, position)
        row.bind(4, message.author?.name); row.bind(5, message.author?.email)
        row.bind(6, message.role.rawValue); row.bind(7, message.isPublic); row.bind(8, prepared.sentAt)
        row.bind(9, message.text); row.bind(10, message.html); row.bind(11, message.trimmedText)
        try row.run()
        guard !message.attachments.isEmpty else { return }
        let messageID = db.lastInsertedRowID
        let statement = try db.cachedStatement(sql: """
            INSERT INTO attachments (message_id, filename, content_type, size, content_hash, data) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for attachment in message.attachments {
            try statement.execute(arguments: [messageID, attachment.filename, attachment.contentType, attachment.size,
                                              attachment.contentHash, attachment.data])
        }
    }

    // MARK: - Search index

    /// Adds a ticket's search row. The index holds no text of its own (see `SearchSchema`): what it indexes must
    /// be what `ticket_search_text` shows for the ticket.
    func indexForSearch(ticketID: Int64, subject: String, body: String) throws {
        insertSearchRow.bind(1, ticketID); insertSearchRow.bind(2, subject); insertSearchRow.bind(3, body)
        try insertSearchRow.run()
    }

    /// What the index holds for a ticket now; read before its text changes, so it can be removed afterwards.
    func indexedText(ticketID: Int64) throws -> (subject: String, body: String)? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT subject, body FROM ticket_search_text WHERE ticket_id = ?"),
                         arguments: [ticketID]).map { ($0["subject"] ?? "", $0["body"] ?? "") }
    }

    func rememberThreadRef(_ ref: String, source: String, ticketID: Int64) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO thread_refs (source, message_ref, ticket_id) VALUES (?, ?, ?)")
            .execute(arguments: [source, ref, ticketID])
    }

    // MARK: - Update

    /// Merges `ticket` into the stored ticket `ticketID`. `isSameRecord` is false when a threaded record joins
    /// another ticket: its messages are appended, but it does not overwrite the ticket's own fields.
    func update(ticketID: Int64, with prepared: PreparedTicket, isSameRecord: Bool) throws -> UpsertOutcome {
        let ticket = prepared.ticket
        let indexed = try indexedText(ticketID: ticketID)
        var changed = false
        var stored: [String: (text: String, isPublic: Bool, role: String)] = [:]
        var count = 0
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT external_id, body_text, is_public, role FROM messages WHERE ticket_id = ?
            """), arguments: [ticketID]) {
            stored[row["external_id"]] = (row["body_text"], row["is_public"], row["role"])
            count += 1
        }
        for preparedMessage in prepared.messages {
            let message = preparedMessage.message
            let id = preparedMessage.id
            if let old = stored[id] {
                if old.text != message.text || old.isPublic != message.isPublic || old.role != message.role.rawValue {
                    try db.cachedStatement(sql: """
                        UPDATE messages SET body_text = ?, body_html = ?, trimmed_text = ?, is_public = ?, role = ?
                        WHERE ticket_id = ? AND external_id = ?
                        """).execute(arguments: [message.text, message.html, message.trimmedText, message.isPublic,
                                                 message.role.rawValue, ticketID, id])
                    changed = true
                }
            } else {
                try insertMessage(preparedMessage, ticketID: ticketID, position: count)
                stored[id] = (message.text, message.isPublic, message.role.rawValue)
                count += 1
                changed = true
            }
        }
        if ticket.threadHints != nil {
            try rememberThreadRef(ticket.externalID, source: ticket.source, ticketID: ticketID)
        }
        if isSameRecord {
            try db.cachedStatement(sql: """
                UPDATE tickets SET subject = ?, status = ?, channel = ?, requester_name = ?, requester_email = ?,
                    organization = ?, assignee_email = ?, tags = ?, custom_fields = ?, label_department = ?,
                    label_priority = ?, created_at = ?, updated_at = ?, record_hash = ?, import_run_id = ?
                WHERE id = ?
                """).execute(arguments: [
                    ticket.subject, ticket.status, ticket.channel, ticket.requester?.name, ticket.requester?.email,
                    ticket.organization, ticket.assignee?.email, prepared.tagsJSON, prepared.customFieldsJSON,
                    ticket.labelDepartment, ticket.labelPriority, prepared.createdAt, prepared.updatedAt,
                    prepared.recordHash, runID, ticketID,
                ])
            changed = changed || db.changesCount > 0
        } else if changed {
            let latest = ticket.messages.compactMap(\.sentAt).max()
            try db.cachedStatement(sql: """
                UPDATE tickets SET updated_at = max(coalesce(updated_at, ''), coalesce(?, '')), import_run_id = ? WHERE id = ?
                """).execute(arguments: [latest.map(SQLDate.string), runID, ticketID])
        }
        guard changed else { return .unchanged }
        try refreshDerivedColumns(ticketID: ticketID, indexed: indexed)
        return .updated
    }

    /// Recomputes what depends on the full message list: content hash, counts, reply times, the search row
    /// (`indexed`: what the index held before this update changed the text).
    func refreshDerivedColumns(ticketID: Int64, indexed: (subject: String, body: String)?) throws {
        let subject = try String.fetchOne(db.cachedStatement(sql: "SELECT subject FROM tickets WHERE id = ?"),
                                          arguments: [ticketID]) ?? ""
        var publicMessages: [(MessageRole, String)] = []
        var allText: [String] = []
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT role, is_public, body_text FROM messages WHERE ticket_id = ? ORDER BY position
            """), arguments: [ticketID]) {
            let text: String = row["body_text"]
            allText.append(text)
            if row["is_public"] as Bool { publicMessages.append((MessageRole(rawValue: row["role"]) ?? .customer, text)) }
        }
        let contentHash = ContentHasher.ticketContent(subject: subject, publicMessages: publicMessages)
        try db.cachedStatement(sql: """
            UPDATE tickets SET content_hash = ?1,
                message_count = (SELECT count(*) FROM messages WHERE ticket_id = ?2),
                \(MessageFactsSQL.timeAssignments(ticketID: "?2"))
            WHERE id = ?2
            """).execute(arguments: [contentHash, ticketID])
        if let indexed {
            try db.cachedStatement(sql: """
                INSERT INTO ticket_search (ticket_search, rowid, subject, body) VALUES ('delete', ?, ?, ?)
                """).execute(arguments: [ticketID, indexed.subject, indexed.body])
        }
        try indexForSearch(ticketID: ticketID, subject: subject, body: allText.joined(separator: "\n\n"))
    }
}

extension ImportedTicket {
    /// Digest of everything imported for this record: equal digests mean a re-import has nothing to do.
    var recordHash: String {
        var h = ContentHasher()
        h.combine(subject); h.combine(status); h.combine(channel)
        h.combine(requester?.name); h.combine(requester?.email); h.combine(organization); h.combine(assignee?.email)
        h.combine(tags.joined(separator: "\u{1}"))
        h.combine(createdAt.map { String($0.timeIntervalSince1970) }); h.combine(updatedAt.map { String($0.timeIntervalSince1970) })
        h.combine(labelDepartment); h.combine(labelPriority)
        for key in customFields.keys.sorted() { h.combine(key); h.combine(customFields[key]) }
        for m in messages {
            h.combine(m.derivedID); h.combine(m.role.rawValue); h.combine(m.isPublic ? "1" : "0")
            h.combine(m.sentAt.map { String($0.timeIntervalSince1970) }); h.combine(m.text); h.combine(m.html)
            h.combine(m.author?.email); h.combine(m.author?.name)
            for a in m.attachments { h.combine(a.filename); h.combine(a.contentType); h.combine(a.size.map(String.init)) }
        }
        return h.hex
    }
}
