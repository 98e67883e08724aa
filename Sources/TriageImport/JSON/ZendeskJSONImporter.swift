import Foundation
import TriageModel

/// Zendesk JSON exports.
///
/// Reads Incremental Export API pages (`{"tickets": [...], "users": [...], "groups": [...]}`), JSON Lines of
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
        var directory = ZendeskDirectory()
        try directory.load(companionsOf: url, mainIsJSONLines: try JSONRecordSource.isJSONLines(url),
                           maxRecordBytes: options.maxRecordBytes, diagnostics: diagnostics)
        let emitter = JSONTicketEmitter(url: url, diagnostics: diagnostics)
        let records = JSONRecordSource(url: url, paths: [["tickets"], ["results"], []], maxRecordBytes: options.maxRecordBytes)
        try emitter.run(records, emit: emit) { record in
            let object = record.object
            if object.value("nice_id") != nil {
                return try legacyTicket(object, record: record, source: source, dates: dates, emitter: emitter)
            }
            return try ticket(object, record: record, source: source, dates: dates, emitter: emitter, directory: directory)
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
        var messages: [ImportedMessage] = comments.map { c in
            let author = c.int("author_id").flatMap { directory.users[$0] }
            let html = c.string("html_body")
            return ImportedMessage(
                externalID: c.string("id"), author: author?.participant,
                role: author?.isAgent == true ? .agent : .customer,
                isPublic: c.bool("public") ?? true, sentAt: dates.date(from: c.value("created_at")),
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
            labelDepartment: t.int("group_id").flatMap { directory.groups[$0] } ?? t.string("group_name"),
            labelPriority: t.string("priority").map { Priority(exported: $0)?.rawValue ?? $0.lowercased() },
            customFields: custom, messages: messages)
    }

    private func legacyTicket(_ t: JSONObject, record: JSONRecordSource.Record, source: String, dates: FlexibleDateParser,
                              emitter: JSONTicketEmitter) throws -> ImportedTicket {
        let id = try requiredID(t, "nice_id")
        let description = t.string("description")
        let requester = Participant(name: t.string("req_name"), email: t.string("req_email"))
        var custom: [String: String] = [:]
        for (key, value) in t.raw where key.hasPrefix("field_") {
            if let text = JSONObject.text(value) { custom[key] = text }
        }
        if let type = t.string("ticket_type") { custom["type"] = type }
        let created = emitter.date(t, "created_at", parser: dates, record: record)
        return ImportedTicket(
            source: source, externalID: id, subject: t.string("subject") ?? subjectFallback(description),
            status: t.string("status")?.lowercased(), channel: t.string("via")?.lowercased(), requester: requester,
            organization: t.string("organization_name"), assignee: t.string("assignee_name").map { Participant(name: $0) },
            tags: t.strings("current_tags", separator: " "), createdAt: created,
            updatedAt: emitter.date(t, "updated_at", parser: dates, record: record),
            labelDepartment: t.string("group_name"),
            labelPriority: t.string("priority").map { Priority(exported: $0)?.rawValue ?? $0.lowercased() },
            customFields: custom,
            messages: description.map { [ImportedMessage(externalID: "description", author: requester, role: .customer, sentAt: created, text: $0)] } ?? [])
    }
}
