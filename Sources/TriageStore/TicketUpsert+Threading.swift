import Foundation
import GRDB
import TriageModel

/// Threading of records that carry `ThreadHints` (mail), independent of the order records arrive in.
///
/// A thread is a connected set of message ids: a message joins every ticket that holds its own id or any id it
/// references, and `thread_refs` maps every id ever seen (stored messages and referenced "ghost" parents alike)
/// to the one ticket of its thread. So a reply imported before its parent is found when the parent arrives (the
/// reply registered the parent's id), replies that share only a missing parent meet at the ghost id, and a
/// message that links two tickets merges them. A ticket always shows its earliest message (by date, then id):
/// subject, requester and external id come from that message, and messages are ordered by date, so the same
/// mail gives the same tickets in any order.
///
/// The subject fallback never overrides references: only a message without any references uses it. A message
/// whose subject has a reply prefix (`ThreadKey.isReply`) joins a ticket holding an original, or another such
/// reply, with the same key (normalised subject and participants) within the thread window; an original joins a
/// ticket holding such a reply. Two originals never join by subject (distinct threads that share a subject,
/// sender and day stay apart), and when two originals share a key within the window a reply without references
/// is ambiguous and starts its own ticket instead of guessing (`subjectIsAmbiguous`). That rule is exact when
/// the originals are stored before the reply; a reply stored before both stays with the first original to
/// arrive (the second one then starts its own ticket).
///
/// A second copy of a stored message (same Message-ID) adds nothing: a second import of unchanged files is a no-op
/// even when several files map to one ticket.
extension TicketUpsert {
    mutating func upsertThreaded(_ prepared: PreparedTicket, hints: ThreadHints) throws -> UpsertOutcome {
        let ticket = prepared.ticket
        let keys = ThreadKey.keys(for: ticket, hints: hints)
        var candidates: [Int64] = []
        let lookup = try db.cachedStatement(sql: "SELECT ticket_id FROM thread_refs WHERE source = ? AND message_ref = ?")
        for ref in keys.lookup {
            guard let id = try Int64.fetchOne(lookup, arguments: [ticket.source, ref]), !candidates.contains(id) else { continue }
            if ref.hasPrefix(ThreadKey.subjectPrefix) {
                if try !withinWindow(ticketID: id, of: ticket) { continue }
                if try subjectIsAmbiguous(hints: hints, candidate: id, of: ticket) { continue }
            }
            candidates.append(id)
        }
        guard !candidates.isEmpty else {
            // The id the insert returns: the last inserted row id is the thread_refs row's by now.
            let ticketID = try insert(prepared, ifAbsent: false) ?? db.lastInsertedRowID
            try register(keys.register, source: ticket.source, ticketID: ticketID)
            return .new
        }
        let (target, merged) = try mergeTickets(candidates)
        if !merged, try messageIsStored(ticket.externalID, in: target) {
            // A copy of a message the thread holds (the same mail in two folders or files): nothing to add.
            try register(keys.register, source: ticket.source, ticketID: target)
            return .unchanged
        }
        // Decided before the message goes in: an in-order import (the usual case) needs neither step.
        let earlier = try isEarlierThanRoot(target, prepared)
        let outOfOrder = try storesLaterMessage(target, than: prepared)
        var outcome = try update(ticketID: target, with: prepared, isSameRecord: false)
        try register(keys.register, source: ticket.source, ticketID: target)
        if earlier || (outOfOrder && outcome == .updated) {
            try willChange(target)
            if earlier { try reroot(target, with: prepared) }
            try renumberMessages(ticketID: target)
            outcome = .updated
        }
        if merged { outcome = .updated }
        return outcome
    }

    /// Whether the subject fallback cannot tell which thread `ticket` belongs to (see the type's documentation).
    ///
    /// A reply without references that could join either of two originals with the same key (normalised
    /// subject and participants) within the window joins neither: it starts its own ticket rather than guess.
    /// An original never joins a ticket that already starts with another original of the same key.
    private func subjectIsAmbiguous(hints: ThreadHints, candidate: Int64, of ticket: ImportedTicket) throws -> Bool {
        guard let key = hints.subjectKey else { return false }
        if key.hasSuffix(ThreadKey.replySuffix) {
            let base = String(key.dropLast(ThreadKey.replySuffix.count))
            guard let when = ticket.messages.compactMap(\.sentAt).min() ?? ticket.createdAt else { return false }
            let originals = try Int.fetchOne(db.cachedStatement(sql: """
                SELECT count(*) FROM (SELECT 1 FROM tickets WHERE source = ? AND thread_key = ?
                    AND (created_at IS NULL OR created_at BETWEEN ? AND ?) LIMIT 2)
                """), arguments: [ticket.source, base, SQLDate.string(when.addingTimeInterval(-threadWindow)),
                                   SQLDate.string(when.addingTimeInterval(threadWindow))]) ?? 0
            return originals > 1
        }
        let rootKey = try String.fetchOne(db.cachedStatement(sql: "SELECT thread_key FROM tickets WHERE id = ?"),
                                          arguments: [candidate])
        return rootKey == key
    }

    private func messageIsStored(_ id: String, in ticketID: Int64) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM messages WHERE ticket_id = ? AND external_id = ?"),
                          arguments: [ticketID, id]) ?? false
    }

    /// Maps every id in `refs` to `ticketID` (ids already mapped keep their ticket: merging keeps them equal).
    private func register(_ refs: [String], source: String, ticketID: Int64) throws {
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO thread_refs (source, message_ref, ticket_id) VALUES (?, ?, ?)")
        for ref in refs { try statement.execute(arguments: [source, ref, ticketID]) }
    }

    /// Whether the stored ticket's time span comes within the thread window of `ticket`'s date.
    private func withinWindow(ticketID: Int64, of ticket: ImportedTicket) throws -> Bool {
        guard let when = ticket.messages.compactMap(\.sentAt).min() ?? ticket.createdAt else { return true }
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT created_at, updated_at FROM tickets WHERE id = ?"),
                                         arguments: [ticketID]) else { return false }
        let first: String? = row["created_at"]
        let last: String? = row["updated_at"] ?? first
        let low = SQLDate.string(when.addingTimeInterval(-threadWindow))
        let high = SQLDate.string(when.addingTimeInterval(threadWindow))
        return (last.map { $0 >= low } ?? true) && (first.map { $0 <= high } ?? true)
    }

    /// Merges the tickets into the one whose earliest message is earliest; returns it and whether any merged.
    private func mergeTickets(_ ids: [Int64]) throws -> (target: Int64, merged: Bool) {
        guard ids.count > 1 else { return (ids[0], false) }
        var roots: [(id: Int64, key: ThreadKey.Order)] = []
        for id in ids {
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT created_at, external_id FROM tickets WHERE id = ?"),
                                             arguments: [id]) else { continue }
            roots.append((id, ThreadKey.Order(date: row["created_at"], id: row["external_id"])))
        }
        roots.sort { $0.key < $1.key }
        guard let target = roots.first?.id else { return (ids[0], false) }
        // What the index holds for the target, read before its messages change (see SearchSchema).
        try willChange(target)
        for other in roots.dropFirst().map(\.id) {
            let indexed: (subject: String, body: String)?
            switch deferred.remove(other) {
            case .fresh?: indexed = nil
            case let .changed(held)?: indexed = held
            case nil: indexed = try indexedText(ticketID: other)
            }
            if let indexed {
                try db.cachedStatement(sql: "INSERT INTO ticket_search (ticket_search, rowid, subject, body) VALUES ('delete', ?, ?, ?)")
                    .execute(arguments: [other, indexed.subject, indexed.body])
            }
            try db.cachedStatement(sql: "UPDATE OR IGNORE messages SET ticket_id = ? WHERE ticket_id = ?").execute(arguments: [target, other])
            try db.cachedStatement(sql: "UPDATE thread_refs SET ticket_id = ? WHERE ticket_id = ?").execute(arguments: [target, other])
            try db.cachedStatement(sql: """
                UPDATE tickets SET thread_key = coalesce(thread_key, (SELECT thread_key FROM tickets WHERE id = ?2)),
                    updated_at = max(coalesce(updated_at, ''), coalesce((SELECT updated_at FROM tickets WHERE id = ?2), ''))
                WHERE id = ?1
                """).execute(arguments: [target, other])
            try db.cachedStatement(sql: "DELETE FROM tickets WHERE id = ?").execute(arguments: [other])
        }
        try renumberMessages(ticketID: target)
        return (target, true)
    }

    /// Whether `prepared` sorts before the ticket's first message (it becomes the ticket's root).
    private func isEarlierThanRoot(_ ticketID: Int64, _ prepared: PreparedTicket) throws -> Bool {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT created_at, external_id FROM tickets WHERE id = ?"),
                                         arguments: [ticketID]) else { return false }
        return ThreadKey.Order(date: prepared.createdAt, id: prepared.ticket.externalID)
            < ThreadKey.Order(date: row["created_at"], id: row["external_id"])
    }

    /// Whether the ticket holds a message that sorts after `prepared`'s (by date, undated last, then id).
    private func storesLaterMessage(_ ticketID: Int64, than prepared: PreparedTicket) throws -> Bool {
        let id = prepared.ticket.externalID
        guard let sent = prepared.messages.first?.sentAt else {
            return try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT 1 FROM messages WHERE ticket_id = ? AND sent_at IS NULL AND external_id > ? LIMIT 1
                """), arguments: [ticketID, id]) ?? false
        }
        return try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT 1 FROM messages WHERE ticket_id = ?1
                AND (sent_at IS NULL OR sent_at > ?2 OR (sent_at = ?2 AND external_id > ?3)) LIMIT 1
            """), arguments: [ticketID, sent, id]) ?? false
    }

    /// The ticket takes the fields of `prepared`, its new first message.
    private func reroot(_ ticketID: Int64, with prepared: PreparedTicket) throws {
        let ticket = prepared.ticket
        try db.cachedStatement(sql: """
            UPDATE tickets SET external_id = ?, subject = ?, channel = ?, requester_name = ?, requester_email = ?,
                organization = ?, tags = ?, custom_fields = ?, label_department = ?, label_priority = ?, created_at = ?,
                record_hash = ?, thread_key = coalesce(?, thread_key), import_run_id = ?
            WHERE id = ?
            """).execute(arguments: [
                ticket.externalID, ticket.subject, ticket.channel, ticket.requester?.name, ticket.requester?.email,
                ticket.organization, prepared.tagsJSON, prepared.customFieldsJSON, ticket.labelDepartment,
                ticket.labelPriority, prepared.createdAt, prepared.recordHash, ticket.threadHints?.subjectKey, runID, ticketID,
            ])
    }

    /// Orders the ticket's messages by date, then id; returns whether any position changed.
    @discardableResult
    private func renumberMessages(ticketID: Int64) throws -> Bool {
        try db.cachedStatement(sql: """
            WITH ordered AS (
                SELECT id, row_number() OVER (ORDER BY sent_at IS NULL, sent_at, external_id) - 1 AS rank
                FROM messages WHERE ticket_id = ?1)
            UPDATE messages SET position = (SELECT rank FROM ordered WHERE ordered.id = messages.id)
            WHERE ticket_id = ?1 AND position <> (SELECT rank FROM ordered WHERE ordered.id = messages.id)
            """).execute(arguments: [ticketID])
        return db.changesCount > 0
    }
}

/// The `thread_refs` keys of a threaded record, and the order that picks a thread's root.
enum ThreadKey {
    /// Prefix of the subject-fallback keys in `thread_refs` (message ids never start with it).
    static let subjectPrefix = "\u{1}subject:"
    /// The suffix `MailTicketBuilder` puts on the subject key of a message whose subject has a reply prefix.
    static let replySuffix = "|reply"

    /// Ids to look up and ids to register for `ticket`.
    static func keys(for ticket: ImportedTicket, hints: ThreadHints) -> (lookup: [String], register: [String]) {
        let ids = [ticket.externalID] + hints.references
        guard hints.references.isEmpty, let key = hints.subjectKey, !key.isEmpty else { return (ids, ids) }
        let isReply = key.hasSuffix(replySuffix)
        let base = isReply ? String(key.dropLast(replySuffix.count)) : key
        let original = subjectPrefix + "original|" + base
        let reply = subjectPrefix + "reply|" + base
        if isReply { return (ids + [original, reply], ids + [reply]) }
        return (ids + [reply], ids + [original])
    }

    /// Whether a stored copy of a mail record stays when another copy with a different digest arrives.
    ///
    /// A Message-ID names one message (RFC 5322 section 3.6.4); copies of it in several files differ only in
    /// transport or folder data. The copy with the smaller digest wins, so the result does not depend on the
    /// order and importing the same files again changes nothing. (A changed re-export of the same message is
    /// taken only when its digest sorts first.)
    static func keepsStoredCopy(stored: String?, incoming: String) -> Bool {
        guard let stored else { return false }
        return stored < incoming
    }

    /// Thread roots sort by date (undated last), then external id.
    struct Order: Comparable {
        var date: String?
        var id: String

        static func < (lhs: Order, rhs: Order) -> Bool {
            switch (lhs.date, rhs.date) {
            case let (left?, right?) where left != right: return left < right
            case (nil, _?): return false
            case (_?, nil): return true
            default: return lhs.id < rhs.id
            }
        }
    }
}
