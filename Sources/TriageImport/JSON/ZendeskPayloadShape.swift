import Foundation
import TriageModel

/// The Zendesk JSON payloads the importer understands, told apart by their documented keys.
enum ZendeskPayloadShape {
    static let expected = """
        Zendesk tickets: a list page `{"tickets": [...]}` (Incremental Export, List Tickets), search results \
        `{"results": [...]}`, the legacy export rows (`nice_id`), one ticket `{"ticket": {...}}` (Show Ticket) or a \
        bare ticket object, an array or JSON Lines of tickets, or ticket audits `{"audits": [...]}`
        """

    enum Document {
        case tickets([JSONObject])
        case audits([JSONObject])
        case unknown
    }

    /// What a whole (small) document holds.
    static func classify(_ document: Any) -> Document {
        if let array = document as? [Any] {
            let objects = JSONPayloadReader.objects(array)
            if let first = objects.first, first.value("events") != nil, first.value("ticket_id") != nil { return .audits(objects) }
            return objects.isEmpty ? .unknown : .tickets(objects)
        }
        guard let root = document as? [String: Any] else { return .unknown }
        let object = JSONObject(root)
        if root["audits"] is [Any] { return .audits(object.objects("audits")) }
        if let ticket = object.object("ticket") { return .tickets([ticket]) }
        for key in ["tickets", "results"] where root[key] is [Any] { return .tickets(object.objects(key)) }
        if root["audit"] is [String: Any], let audit = object.object("audit") { return .audits([audit]) }
        if isTicket(object) { return .tickets([object]) }
        return .unknown
    }

    /// A record wrapped as `{"ticket": {...}}` is the inner ticket.
    static func unwrap(_ object: JSONObject) -> JSONObject {
        if object.raw.count <= 3, let inner = object.object("ticket") { return inner }
        return object
    }

    /// Whether an object has a ticket's marks (an id and a subject, description, status or legacy number).
    static func isTicket(_ o: JSONObject) -> Bool {
        guard o.value("id") != nil || o.value("nice_id") != nil else { return false }
        return ["subject", "raw_subject", "description", "status", "requester_id", "nice_id"].contains { o.value($0) != nil }
    }

    static func isLegacyRow(_ o: JSONObject) -> Bool {
        o.value("nice_id") != nil || (o.value("id") == nil && (o.value("req_email") != nil || o.value("req_name") != nil))
    }

    /// Refuses a record that is another vendor's or no ticket at all, naming what it is.
    /// The vendor checks run on a file's first record only (they refuse the whole file); the ticket check on each.
    static func checkTicket(_ o: JSONObject, record: JSONRecordSource.Record, file: URL) throws {
        if !["subject", "raw_subject", "description", "status", "requester_id", "nice_id", "req_email"].contains(where: { o.value($0) != nil }) {
            throw JSONRecordError(message: "not a Zendesk ticket (keys \(JSONPayloadProbe.list(o.raw.keys.sorted())))")
        }
        guard record.index == 1 else { return }
        let keys = Set(o.raw.keys)
        if let vendor = JSONVendorFingerprint.vendor(ofRecordKeys: keys), vendor != .zendesk {
            throw ImportError.unexpectedContent(file: file.path, expected: "Zendesk tickets", found: "a \(vendor.displayName) record (keys \(JSONPayloadProbe.list(keys.sorted())))",
                                                hint: "import it with --from \(vendor.format.rawValue), or without --from")
        }
        // Freshdesk writes status and priority as numbers; Zendesk as words.
        if o.value("status") is NSNumber, !(o.value("status") is String), o.value("priority") is NSNumber {
            throw ImportError.unexpectedContent(file: file.path, expected: "Zendesk tickets (status and priority as words)",
                                                found: "numeric status \(o.string("status") ?? "?") and priority \(o.string("priority") ?? "?"), as Freshdesk writes them",
                                                hint: "import it with --from freshdesk-json, or without --from")
        }
    }

    /// Zendesk's legacy exports write "-" for an empty value.
    static func value(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed == "-" ? nil : text
    }

    /// Who wrote a comment: the side-loaded user's role when known; else a private comment is the team's, the
    /// requester is the customer and anyone else is an agent.
    static func role(author: ZendeskDirectory.User?, authorID: Int?, requesterID: Int?, isPublic: Bool) -> MessageRole {
        if let author { return author.isAgent ? .agent : .customer }
        if !isPublic { return .agent }
        if let authorID, let requesterID { return authorID == requesterID ? .customer : .agent }
        return .customer
    }
}

/// Tickets rebuilt from Zendesk ticket audits (`GET /api/v2/tickets/{id}/audits`): `Create`/`Change` events give
/// the fields, `Comment` events the conversation.
struct ZendeskAuditTickets {
    let source: String
    let dates: FlexibleDateParser
    let directory: ZendeskDirectory

    func tickets(from audits: [JSONObject]) -> [ImportedTicket] {
        var order: [String] = []
        var byTicket: [String: [JSONObject]] = [:]
        for audit in audits {
            guard let id = audit.string("ticket_id") else { continue }
            if byTicket[id] == nil { order.append(id) }
            byTicket[id, default: []].append(audit)
        }
        return order.map { ticket(id: $0, audits: byTicket[$0] ?? []) }
    }

    private func ticket(id: String, audits: [JSONObject]) -> ImportedTicket {
        let sorted = audits.sorted { (dates.date(from: $0.value("created_at")) ?? .distantPast) < (dates.date(from: $1.value("created_at")) ?? .distantPast) }
        var fields: [String: Any] = [:]
        var comments: [(JSONObject, JSONObject)] = []
        for audit in sorted {
            for event in audit.objects("events") {
                switch event.string("type") {
                case "Create", "Change":
                    if let name = event.string("field_name"), let value = event.value("value") { fields[name] = value }
                case "Comment":
                    comments.append((audit, event))
                default:
                    break
                }
            }
        }
        let f = JSONObject(fields)
        let requesterID = f.int("requester_id") ?? sorted.first?.int("author_id")
        let requester = requesterID.flatMap { directory.users[$0] }?.participant
        let messages = comments.map { audit, c in
            let authorID = c.int("author_id") ?? audit.int("author_id")
            let user = authorID.flatMap { directory.users[$0] }
            let isPublic = c.bool("public") ?? true
            let html = c.string("html_body")
            return ImportedMessage(
                externalID: c.string("id"), author: user?.participant,
                role: ZendeskPayloadShape.role(author: user, authorID: authorID, requesterID: requesterID, isPublic: isPublic),
                isPublic: isPublic, sentAt: dates.date(from: c.value("created_at") ?? audit.value("created_at")),
                text: c.string("plain_body") ?? c.string("body") ?? html.map(HTMLToText.convert) ?? "", html: html)
        }
        var custom: [String: String] = [:]
        for (name, value) in fields where Int(name) != nil {
            if let text = JSONObject.text(value) { custom["field_\(name)"] = text }
        }
        if let type = f.string("type") { custom["type"] = type }
        return ImportedTicket(
            source: source, externalID: id, subject: f.string("subject") ?? subjectFallback(messages.first?.text),
            status: f.string("status")?.lowercased(), channel: sorted.first?.string("via.channel"), requester: requester,
            assignee: f.int("assignee_id").flatMap { directory.users[$0] }?.participant, tags: f.strings("tags"),
            createdAt: sorted.first.flatMap { dates.date(from: $0.value("created_at")) },
            updatedAt: sorted.last.flatMap { dates.date(from: $0.value("created_at")) },
            labelDepartment: f.int("group_id").flatMap { directory.groups[$0] },
            labelPriority: f.string("priority").map { Priority(exported: $0)?.rawValue ?? $0.lowercased() },
            customFields: custom, messages: messages)
    }
}
