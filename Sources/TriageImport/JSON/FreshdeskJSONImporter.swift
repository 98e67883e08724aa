import Foundation
import TriageModel

/// Freshdesk tickets in every documented JSON shape: API v2 lists (a JSON array, `{"tickets": [...]}` or JSON
/// Lines), search results `{"total": n, "results": [...]}`, a single v2 ticket, and API v1
/// `{"helpdesk_ticket": {...}}` objects (alone or in an array) with their `notes`; v1 tickets are known by their
/// `display_id`. Conversations come inline (`conversations`) or from companion files beside the export (each
/// with `ticket_id`); side-loaded agents and contacts give names and roles. Status, priority and source codes
/// are mapped to names (`FreshdeskCodes`); a custom field whose name contains `department` (e.g.
/// `cf_department`) or a `group_name` is kept as the human department label.
public struct FreshdeskJSONImporter: TicketImporter {
    public let format = ImportFormat.freshdeskJSON

    static let expected = """
        Freshdesk tickets: an array or `{"tickets": [...]}` of API v2 tickets, search results `{"results": [...]}`, \
        one ticket object, or API v1 `{"helpdesk_ticket": {...}}` objects
        """

    public init() {}

    public func read(_ url: URL, options: ImportOptions, diagnostics: any DiagnosticSink,
                     emit: (ImportRecord) throws -> Void) throws {
        let source = options.source ?? format.defaultSource
        let dates = FlexibleDateParser(defaultTimeZone: options.defaultTimeZone)
        let payload = JSONPayloadReader(url: url, vendor: .freshdesk, listKeys: ["tickets", "results"],
                                        expected: Self.expected, maxRecordBytes: options.maxRecordBytes)
        let layout = try payload.layout()
        let companions = CompanionFiles.load(beside: url, vendor: .freshdesk, ticketKey: "ticket_id",
                                             maxBytes: options.maxRecordBytes, diagnostics: diagnostics)
        let emitter = JSONTicketEmitter(url: url, diagnostics: diagnostics)
        let mapper = FreshdeskTicketMapper(source: source, dates: dates, emitter: emitter, companions: companions, file: url)
        try payload.read(layout, emitter: emitter, emit: emit, map: mapper.ticket) { document in
            if let array = document as? [Any] { return JSONPayloadReader.objects(array) }
            guard let root = document as? [String: Any] else { return [] }
            let o = JSONObject(root)
            if root["results"] is [Any] { return o.objects("results") }
            if root["tickets"] is [Any] { return o.objects("tickets") }
            return FreshdeskTicketMapper.isTicket(FreshdeskTicketMapper.unwrap(o)) ? [o] : []
        }
    }
}

/// One Freshdesk ticket record (v2, or v1 wrapped in `helpdesk_ticket`) as a ticket.
struct FreshdeskTicketMapper {
    let source: String
    let dates: FlexibleDateParser
    let emitter: JSONTicketEmitter
    let companions: CompanionFiles
    let file: URL

    static func unwrap(_ o: JSONObject) -> JSONObject { o.object("helpdesk_ticket") ?? o }

    static func isTicket(_ t: JSONObject) -> Bool {
        (t.value("id") != nil || t.value("display_id") != nil)
            && ["subject", "description", "description_text", "description_html"].contains { t.value($0) != nil }
    }

    func ticket(_ record: JSONRecordSource.Record) throws -> ImportedTicket? {
        let t = Self.unwrap(record.object)
        var keys: Set<String> { Set(t.raw.keys) }
        if record.index == 1, let vendor = JSONVendorFingerprint.vendor(ofRecordKeys: keys), vendor != .freshdesk {
            throw ImportError.unexpectedContent(file: file.path, expected: "Freshdesk tickets", found: "a \(vendor.displayName) record (keys \(JSONPayloadProbe.list(keys.sorted())))",
                                                hint: "import it with --from \(vendor.format.rawValue), or without --from")
        }
        guard Self.isTicket(t) else {
            throw JSONRecordError(message: "not a Freshdesk ticket (keys \(JSONPayloadProbe.list(keys.sorted()))): a ticket has an id and a subject or description")
        }
        let isV1 = record.object.value("helpdesk_ticket") != nil || t.value("display_id") != nil
        let id = try requiredID(t, isV1 ? "display_id" : "id", "id")
        let requesterID = t.string("requester_id")
        let known = requesterID.flatMap { companions.people[$0] }?.participant
        var requester = t.object("requester").map { Participant(name: $0.string("name"), email: $0.string("email")) }
            ?? (t.string("requester_name") != nil || t.string("email") != nil ? Participant(name: t.string("requester_name"), email: t.string("email")) : nil)
            ?? known
        if requester?.name == nil, let name = known?.name { requester?.name = name }
        var custom: [String: String] = [:]
        var department = t.string("group_name")
        for key in ["custom_fields", "custom_field"] {
            guard let fields = t.value(key) as? [String: Any] else { continue }
            for (name, value) in fields {
                guard let text = JSONObject.text(value) else { continue }
                if department == nil, name.lowercased().contains("department") { department = text } else { custom[name] = text }
            }
        }
        if let type = t.string("type") ?? t.string("ticket_type") { custom["type"] = type }
        if let group = t.string("group_id") { custom["group_id"] = group }
        if isV1, let internalID = t.string("id"), internalID != id { custom["freshdesk_id"] = internalID }
        let created = emitter.date(t, "created_at", parser: dates, record: record)
        let descriptionHTML = t.string("description_html") ?? (isV1 ? nil : t.string("description"))
        var messages: [ImportedMessage] = []
        if let text = t.string("description_text") ?? (isV1 ? t.string("description") : nil) ?? descriptionHTML.map(HTMLToText.convert) {
            messages.append(ImportedMessage(externalID: "description", author: requester, role: .customer,
                                            sentAt: created, text: text, html: descriptionHTML))
        }
        var conversations = t.objects("conversations") + t.objects("notes").map { $0.object("note") ?? $0 }
        conversations += companions.messages[id] ?? []
        if isV1, let internalID = t.string("id"), internalID != id { conversations += companions.messages[internalID] ?? [] }
        var seen = Set<String>()
        for c in conversations {
            if let cid = c.string("id"), !seen.insert(cid).inserted { continue }
            messages.append(message(c, requesterID: requesterID))
        }
        let priority = t.int("priority").flatMap(FreshdeskCodes.priority) ?? t.string("priority_name").map { $0.lowercased() } ?? t.string("priority")
        let tags = t.objects("tags").compactMap { $0.string("name") } + t.strings("tags").filter { !$0.hasPrefix("{") }
        return ImportedTicket(
            source: source, externalID: id, subject: t.string("subject") ?? subjectFallback(messages.first?.text),
            status: t.int("status").map(FreshdeskCodes.status) ?? t.string("status_name")?.lowercased() ?? t.string("status")?.lowercased(),
            channel: t.int("source").map(FreshdeskCodes.channel) ?? t.string("source_name")?.lowercased() ?? t.string("source"),
            requester: requester, organization: t.string("company.name") ?? t.string("company_name"),
            assignee: t.string("responder_name").map { Participant(name: $0) }
                ?? t.string("responder_id").flatMap { companions.people[$0] }?.participant,
            tags: tags, createdAt: created, updatedAt: emitter.date(t, "updated_at", parser: dates, record: record),
            labelDepartment: department, labelPriority: priority, customFields: custom, messages: messages)
    }

    /// A v2 conversation or v1 note.
    private func message(_ c: JSONObject, requesterID: String?) -> ImportedMessage {
        let html = c.string("body_html") ?? c.string("body")
        let isPrivate = c.bool("private") ?? false
        let userID = c.string("user_id")
        let person = userID.flatMap { companions.people[$0] }
        let role: MessageRole
        if let incoming = c.bool("incoming"), incoming { role = .customer }
        else if let person { role = person.isAgent ? .agent : .customer }
        else if isPrivate { role = .agent }
        else if let userID, let requesterID { role = userID == requesterID ? .customer : .agent }
        else { role = c.bool("incoming") == false ? .agent : .customer }
        var author = participant(fromAddress: c.string("from_email")) ?? person?.participant
        if author?.name == nil, let name = person?.participant.name { author?.name = name }
        let text = c.string("body_text") ?? (c.string("body_html") != nil ? c.string("body") : nil).map { $0 } ?? html.map(HTMLToText.convert) ?? ""
        return ImportedMessage(externalID: c.string("id"), author: author, role: role, isPublic: !isPrivate,
                               sentAt: dates.date(from: c.value("created_at")), text: text, html: html)
    }
}
