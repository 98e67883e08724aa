import Foundation
import TriageModel

/// Help Scout Mailbox API 2.0 conversations: a list page `{"_embedded": {"conversations": [...]}}`, one
/// conversation, an array or JSON Lines of them; threads come embedded (`_embedded.threads`, from
/// `embed=threads`, or `threads` as an array).
///
/// Thread types: `customer` is the customer, `message` an agent reply, `note` an internal note, `chat` and
/// `phone` by their `createdBy.type`; `lineitem` (status changes, assignments) is not a message. A custom field
/// whose name contains `department` is the human department label.
public struct HelpScoutJSONImporter: TicketImporter {
    public let format = ImportFormat.helpScoutJSON

    static let expected = """
        Help Scout conversations: a list page `{"_embedded": {"conversations": [...]}}`, one conversation \
        (`id`, `subject`, `_embedded.threads`), an array or JSON Lines of them
        """

    public init() {}

    public func read(_ url: URL, options: ImportOptions, diagnostics: any DiagnosticSink,
                     emit: (ImportRecord) throws -> Void) throws {
        let source = options.source ?? format.defaultSource
        let dates = FlexibleDateParser(defaultTimeZone: options.defaultTimeZone)
        let payload = JSONPayloadReader(url: url, vendor: .helpScout, listKeys: ["conversations"],
                                        expected: Self.expected, maxRecordBytes: options.maxRecordBytes)
        let emitter = JSONTicketEmitter(url: url, diagnostics: diagnostics)
        let map = { (record: JSONRecordSource.Record) throws -> ImportedTicket? in
            try Self.ticket(record.object, record: record, source: source, dates: dates, emitter: emitter)
        }
        switch try payload.layout() {
        case .lines:
            try payload.forEach(JSONPayloadReader.Layout.lines, emitter: emitter, emit: emit, map: map)
        case .list:
            try emitter.run(JSONRecordSource(url: url, paths: [["_embedded", "conversations"], ["conversations"]],
                                             maxRecordBytes: options.maxRecordBytes), emit: emit, map: map)
        case let .document(document):
            var objects: [JSONObject] = []
            if let array = document as? [Any] { objects = JSONPayloadReader.objects(array) }
            else if let root = document as? [String: Any] {
                let o = JSONObject(root)
                objects = o.objects("_embedded.conversations")
                if objects.isEmpty, o.value("subject") != nil || o.value("_embedded.threads") != nil, o.value("id") != nil { objects = [o] }
            }
            if objects.isEmpty { throw payload.unknownShape(document) }
            try emitter.run(records: JSONPayloadReader.records(objects), emit: emit, map: map)
        }
    }

    static func person(_ o: JSONObject?) -> Participant? {
        guard let o else { return nil }
        let name = [o.string("first"), o.string("last")].compactMap { $0 }.joined(separator: " ")
        let email = o.string("email") ?? o.strings("emails").first
        return name.isEmpty && email == nil ? nil : Participant(name: name.isEmpty ? nil : name, email: email)
    }

    static func ticket(_ c: JSONObject, record: JSONRecordSource.Record, source: String, dates: FlexibleDateParser,
                       emitter: JSONTicketEmitter) throws -> ImportedTicket {
        let id = try requiredID(c, "id")
        guard c.value("subject") != nil || c.value("_embedded.threads") != nil || c.value("threads") != nil else {
            throw JSONRecordError(message: "not a Help Scout conversation (no `subject` or threads)")
        }
        let requester = person(c.object("primaryCustomer")) ?? person(c.object("customer"))
        var threads = c.objects("_embedded.threads")
        if threads.isEmpty { threads = c.objects("threads") }
        var messages: [ImportedMessage] = []
        for t in threads {
            let type = t.string("type")?.lowercased() ?? ""
            if ["lineitem", "forwardparent"].contains(type) || t.string("body") == nil { continue }
            let byCustomer = t.string("createdBy.type")?.lowercased() == "customer"
            let role: MessageRole = type == "customer" ? .customer : (type == "message" || type == "note") ? .agent : (byCustomer ? .customer : .agent)
            let html = t.string("body")
            messages.append(ImportedMessage(
                externalID: t.string("id"), author: person(t.object("createdBy")) ?? (role == .customer ? person(t.object("customer")) : nil),
                role: role, isPublic: type != "note", sentAt: dates.date(from: t.value("createdAt")),
                text: html.map(HTMLToText.convert) ?? "", html: html))
        }
        messages.sort { ($0.sentAt ?? .distantPast) < ($1.sentAt ?? .distantPast) }
        var custom: [String: String] = [:]
        var department: String?
        for field in c.objects("customFields") {
            guard let name = field.string("name"), let value = field.string("text") ?? field.string("value") else { continue }
            if department == nil, name.lowercased().contains("department") { department = value } else { custom[name] = value }
        }
        if let number = c.string("number") { custom["number"] = number }
        if let mailbox = c.string("mailboxId") { custom["mailbox_id"] = mailbox }
        return ImportedTicket(
            source: source, externalID: id, subject: c.string("subject") ?? subjectFallback(messages.first?.text),
            status: c.string("status")?.lowercased(), channel: c.string("source.type") ?? c.string("type"),
            requester: requester, assignee: person(c.object("assignee")),
            tags: c.objects("tags").compactMap { $0.string("tag") ?? $0.string("name") } + c.strings("tags").filter { !$0.hasPrefix("{") },
            createdAt: emitter.date(c, "createdAt", parser: dates, record: record),
            updatedAt: dates.date(from: c.value("userUpdatedAt") ?? c.value("closedAt")),
            labelDepartment: department, customFields: custom, messages: messages)
    }
}
