import Foundation
import TriageModel

/// Freshdesk API v2 tickets (a JSON array, `{"tickets": [...]}` or JSON Lines), with `conversations` when
/// present. Status, priority and source codes are mapped to names (`FreshdeskCodes`, shared with the XML importer); a custom field whose name contains
/// `department` (e.g. `cf_department`) or a `group_name` is kept as the human department label.
public struct FreshdeskJSONImporter: TicketImporter {
    public let format = ImportFormat.freshdeskJSON

    public init() {}

    public func read(_ url: URL, options: ImportOptions, diagnostics: any DiagnosticSink,
                     emit: (ImportRecord) throws -> Void) throws {
        let source = options.source ?? format.defaultSource
        let dates = FlexibleDateParser(defaultTimeZone: options.defaultTimeZone)
        let emitter = JSONTicketEmitter(url: url, diagnostics: diagnostics)
        let records = JSONRecordSource(url: url, paths: [[], ["tickets"]], maxRecordBytes: options.maxRecordBytes)
        try emitter.run(records, emit: emit) { record in
            let t = record.object
            let id = try requiredID(t, "id")
            let requester = t.object("requester").map { Participant(name: $0.string("name"), email: $0.string("email")) }
                ?? t.string("email").map { Participant(email: $0) }
            var custom: [String: String] = [:]
            var department = t.string("group_name")
            if let fields = t.value("custom_fields") as? [String: Any] {
                for (key, value) in fields {
                    guard let text = JSONObject.text(value) else { continue }
                    if department == nil, key.lowercased().contains("department") { department = text } else { custom[key] = text }
                }
            }
            if let type = t.string("type") { custom["type"] = type }
            if let group = t.string("group_id") { custom["group_id"] = group }
            let created = emitter.date(t, "created_at", parser: dates, record: record)
            let descriptionHTML = t.string("description")
            var messages: [ImportedMessage] = []
            if let text = t.string("description_text") ?? descriptionHTML.map(HTMLToText.convert) {
                messages.append(ImportedMessage(externalID: "description", author: requester, role: .customer,
                                                sentAt: created, text: text, html: descriptionHTML))
            }
            for c in t.objects("conversations") {
                let html = c.string("body")
                let incoming = c.bool("incoming") ?? false
                messages.append(ImportedMessage(
                    externalID: c.string("id"), author: c.string("from_email").map { Participant(email: $0) },
                    role: incoming ? .customer : .agent, isPublic: !(c.bool("private") ?? false),
                    sentAt: dates.date(from: c.value("created_at")),
                    text: c.string("body_text") ?? html.map(HTMLToText.convert) ?? "", html: html))
            }
            let priority = t.int("priority").flatMap(FreshdeskCodes.priority) ?? t.string("priority")
            return ImportedTicket(
                source: source, externalID: id, subject: t.string("subject") ?? subjectFallback(messages.first?.text),
                status: t.int("status").map(FreshdeskCodes.status) ?? t.string("status")?.lowercased(),
                channel: t.int("source").map(FreshdeskCodes.channel) ?? t.string("source"),
                requester: requester, organization: t.string("company.name") ?? t.string("company_name"),
                tags: t.strings("tags"), createdAt: created, updatedAt: emitter.date(t, "updated_at", parser: dates, record: record),
                labelDepartment: department, labelPriority: priority, customFields: custom, messages: messages)
        }
    }
}
