import Foundation
import TriageModel

/// Zendesk JSON exports.
///
/// Reads every documented shape (see `ZendeskPayloadShape`): Incremental Export API pages (`{"tickets": [...], "users": [...], "groups": [...]}`), JSON Lines of
/// tickets, and the legacy flat `/api/v2/exports/tickets` rows (`{"results": [...]}` with `nice_id`,
/// `req_email`, `group_name`, `current_tags`). Comments come from the tickets themselves (`comments`), from a
/// side-loaded `comments` array, or from companion files in the same folder (`*comments*.json[l]`, each comment
/// with a `ticket_id`); users, groups and organizations likewise (side-loaded or `users.json[l]`, …).
/// The group name is kept as the human department label.
public struct ZendeskJSONImporter: TicketImporter {
    public let format = ImportFormat.zendeskJSON

    public init() {}

    public func read(_ url: URL, options: ImportOptions, diagnostics: any DiagnosticSink,
                     emit: (ImportRecord) throws -> Void) throws {
        let source = options.source ?? format.defaultSource
        let dates = FlexibleDateParser(defaultTimeZone: options.defaultTimeZone)
        let payload = JSONPayloadReader(url: url, vendor: .zendesk, listKeys: ["tickets", "results"],
                                        expected: ZendeskPayloadShape.expected, maxRecordBytes: options.maxRecordBytes)
        let layout = try payload.layout()
        var directory = ZendeskDirectory()
        let isLines: Bool
        if case .lines = layout { isLines = true } else { isLines = false }
        // The side-load pass re-reads a document main file: its file-level notes come from the main pass alone.
        try directory.load(companionsOf: url, mainIsJSONLines: isLines, maxRecordBytes: options.maxRecordBytes,
                           diagnostics: isLines ? diagnostics : RecordDiagnosticsOnly(base: diagnostics))
        let emitter = JSONTicketEmitter(url: url, diagnostics: diagnostics)
        let map: (JSONRecordSource.Record) throws -> ImportedTicket? = { record in
            let object = ZendeskPayloadShape.unwrap(record.object)
            try ZendeskPayloadShape.checkTicket(object, record: record, file: url)
            if ZendeskPayloadShape.isLegacyRow(object) {
                return try legacyTicket(object, record: record, source: source, dates: dates, emitter: emitter)
            }
            return try ticket(object, record: record, source: source, dates: dates, emitter: emitter, directory: directory)
        }
        switch layout {
        case .lines, .list:
            try payload.forEach(layout, emitter: emitter, emit: emit, map: map)
        case let .document(document):
            switch ZendeskPayloadShape.classify(document) {
            case let .tickets(objects):
                try emitter.run(records: JSONPayloadReader.records(objects), emit: emit, map: map)
            case let .audits(audits):
                for (index, ticket) in ZendeskAuditTickets(source: source, dates: dates, directory: directory).tickets(from: audits).enumerated() {
                    try emit(ImportRecord(ticket: ticket, index: index + 1))
                }
            case .unknown:
                throw payload.unknownShape(document)
            }
        }
    }

    private func ticket(_ t: JSONObject, record: JSONRecordSource.Record, source: String, dates: FlexibleDateParser,
                        emitter: JSONTicketEmitter, directory: ZendeskDirectory) throws -> ImportedTicket {
        let id = try requiredID(t, "id")
        let description = t.string("description")
        let requester = t.int("requester_id").flatMap { directory.users[$0] }
        var custom: [String: String] = [:]
        if let type = t.string("type") { custom["type"] = type }
        for field in t.objects("custom_fields") {
            if let fieldID = field.string("id"), let value = field.string("value") { custom["field_\(fieldID)"] = value }
        }
        var comments = t.objects("comments")
        if comments.isEmpty, let ticketID = Int(id) { comments = try directory.comments(for: ticketID) }
        let requesterID = t.int("requester_id")
        var messages: [ImportedMessage] = comments.map { c in
            let authorID = c.int("author_id")
            let author = authorID.flatMap { directory.users[$0] }
            let html = c.string("html_body")
            let isPublic = c.bool("public") ?? true
            return ImportedMessage(
                externalID: c.string("id"), author: author?.participant,
                role: ZendeskPayloadShape.role(author: author, authorID: authorID, requesterID: requesterID, isPublic: isPublic),
                isPublic: isPublic, sentAt: dates.date(from: c.value("created_at")),
                text: c.string("plain_body") ?? c.string("body") ?? html.map(HTMLToText.convert) ?? "", html: html)
        }
        messages.sort { ($0.sentAt ?? .distantPast) < ($1.sentAt ?? .distantPast) }
        if messages.isEmpty, let description {
            messages = [ImportedMessage(externalID: "description", author: requester?.participant, role: .customer,
                                        sentAt: emitter.date(t, "created_at", parser: dates, record: record), text: description)]
        }
        return ImportedTicket(
            source: source, externalID: id, subject: t.string("subject") ?? t.string("raw_subject") ?? subjectFallback(description),
            status: t.string("status")?.lowercased(), channel: t.string("via.channel"), requester: requester?.participant,
            organization: t.int("organization_id").flatMap { directory.organizations[$0] },
            assignee: t.int("assignee_id").flatMap { directory.users[$0] }?.participant, tags: t.strings("tags"),
            createdAt: emitter.date(t, "created_at", parser: dates, record: record),
            updatedAt: emitter.date(t, "updated_at", parser: dates, record: record),
            labelDepartment: t.int("group_id").flatMap { directory.groups[$0] } ?? ZendeskPayloadShape.value(t.string("group_name")),
            labelPriority: ZendeskPayloadShape.value(t.string("priority")).map { Priority(exported: $0)?.rawValue ?? $0.lowercased() },
            customFields: custom, messages: messages)
    }

    private func legacyTicket(_ t: JSONObject, record: JSONRecordSource.Record, source: String, dates: FlexibleDateParser,
                              emitter: JSONTicketEmitter) throws -> ImportedTicket {
        let id = try requiredID(t, "nice_id")
        let description = t.string("description")
        let v = { (path: String) in ZendeskPayloadShape.value(t.string(path)) }
        let requester = Participant(name: v("req_name") ?? v("requester"), email: v("req_email") ?? v("requester_email"))
        var custom: [String: String] = [:]
        for (key, value) in t.raw where key.hasPrefix("field_") {
            if let text = ZendeskPayloadShape.value(JSONObject.text(value)) { custom[key] = text }
        }
        if let type = ZendeskPayloadShape.value(t.string("ticket_type")) { custom["type"] = type }
        let created = emitter.date(t, "created_at", parser: dates, record: record)
        return ImportedTicket(
            source: source, externalID: id, subject: t.string("subject") ?? subjectFallback(description),
            status: v("status")?.lowercased(), channel: (v("via") ?? t.string("via.channel"))?.lowercased(),
            requester: requester.name == nil && requester.email == nil ? nil : requester,
            organization: v("organization_name"), assignee: v("assignee_name").map { Participant(name: $0) },
            tags: t.strings("current_tags", separator: " "), createdAt: created,
            updatedAt: emitter.date(t, "updated_at", parser: dates, record: record),
            labelDepartment: v("group_name"),
            labelPriority: v("priority").map { Priority(exported: $0)?.rawValue ?? $0.lowercased() },
            customFields: custom,
            messages: description.map { [ImportedMessage(externalID: "description", author: requester, role: .customer, sentAt: created, text: $0)] } ?? [])
    }
}
