import Foundation
import TriageModel

/// osTicket tickets as its HTTP API takes them (`POST /api/tickets.json` and `/api/tickets.xml`): one ticket, or
/// several (a JSON array, `<tickets>` of `<ticket>`), with `name`, `email`, `subject`, `message` (plain text or
/// an RFC 2397 `data:` URL such as `data:text/html,…`), `phone`, `topicId`, `priority` and custom fields.
///
/// The API payload carries no ticket number: the external id is `number` or `ticket_id` when the export has
/// one, else derived from the e-mail, subject and message (`sha256:…`), so re-importing the same file is a no-op.
public struct OSTicketJSONImporter: TicketImporter {
    public let format = ImportFormat.osTicketJSON

    static let expected = "osTicket API tickets: an object with `email`, `subject` and `message` (or an array of them)"

    public init() {}

    public func read(_ url: URL, options: ImportOptions, diagnostics: any DiagnosticSink,
                     emit: (ImportRecord) throws -> Void) throws {
        let source = options.source ?? format.defaultSource
        let dates = FlexibleDateParser(defaultTimeZone: options.defaultTimeZone)
        let payload = JSONPayloadReader(url: url, vendor: .osTicket, listKeys: ["tickets"],
                                        expected: Self.expected, maxRecordBytes: options.maxRecordBytes)
        let emitter = JSONTicketEmitter(url: url, diagnostics: diagnostics)
        let map = { (record: JSONRecordSource.Record) throws -> ImportedTicket? in
            let o = record.object
            var fields: [String: String] = [:]
            for (key, value) in o.raw { if let text = JSONObject.text(value) { fields[key] = text } }
            return try OSTicketFields(fields: fields, line: record.line).ticket(source: source, dates: dates)
        }
        try payload.read(try payload.layout(), emitter: emitter, emit: emit, map: map) { document in
            if let array = document as? [Any] { return JSONPayloadReader.objects(array) }
            guard let root = document as? [String: Any] else { return [] }
            return root["tickets"] is [Any] ? JSONObject(root).objects("tickets") : [JSONObject(root)]
        }
    }
}

/// The osTicket XML form of the same payload: `<ticket alert="true" source="API"><name>…</name>…
/// <message type="text/plain"><![CDATA[…]]></message></ticket>`, or `<tickets>` of them.
public struct OSTicketXMLImporter: TicketImporter {
    public let format = ImportFormat.osTicketXML
    public var limits = XMLLimits()

    public init() {}

    public func read(_ url: URL, options: ImportOptions, diagnostics: any DiagnosticSink,
                     emit: (ImportRecord) throws -> Void) throws {
        let head = try ByteChunkReader.head(of: url.path, count: 64 << 10)
        guard let root = XMLRootName.of(head) else {
            throw ImportError.malformed(file: url.path, line: nil, reason: "no XML element; expected an osTicket `<ticket>` document")
        }
        let recordPath: [String]
        switch root {
        case "ticket": recordPath = ["ticket"]
        case "tickets": recordPath = ["tickets", "ticket"]
        default:
            throw ImportError.unexpectedContent(file: url.path, expected: "an osTicket `<ticket>` (or `<tickets>`) document",
                                                found: "the root element `<\(root)>`", hint: nil)
        }
        let source = options.source ?? format.defaultSource
        let dates = FlexibleDateParser(defaultTimeZone: options.defaultTimeZone)
        let run = XMLImportRun(url: url, recordPath: recordPath, limits: limits, options: options, diagnostics: diagnostics)
        try run.run(map: { element in
            var fields: [String: String] = [:]
            for attribute in element.attributes { fields[attribute.name] = attribute.value }
            for child in element.children where child.children.isEmpty {
                fields[child.name] = XMLTreeElement.trimmed(child.text) ?? child.text
                if child.name == "message", child.attribute("type")?.lowercased().contains("html") == true {
                    fields["message"] = "data:text/html," + child.text
                }
            }
            do {
                return ImportedTicketDraft(ticket: try OSTicketFields(fields: fields, line: element.line).ticket(source: source, dates: dates))
            } catch let error as JSONRecordError {
                throw XMLFieldProblem(field: error.field ?? "ticket", message: error.message, line: element.line)
            }
        }, emit: emit)
    }
}

/// The fields of one osTicket API ticket, from JSON or XML.
struct OSTicketFields {
    let fields: [String: String]
    let line: Int

    static let known: Set<String> = ["alert", "autorespond", "source", "name", "email", "phone", "subject", "ip", "message",
                                     "attachments", "number", "ticket_id", "id", "status", "priority", "topicId", "deptId",
                                     "dept", "department", "created", "updated", "duedate"]

    func ticket(source: String, dates: FlexibleDateParser) throws -> ImportedTicket {
        guard fields["email"] != nil || fields["subject"] != nil, fields["message"] != nil || fields["subject"] != nil else {
            throw JSONRecordError(field: "email", message: "not an osTicket ticket: `email`, `subject` and `message` are required by its API")
        }
        let message = fields["message"].map(VendorValues.dataURL)
        let requester = Participant(name: fields["name"], email: fields["email"])
        let id = fields["number"] ?? fields["ticket_id"] ?? fields["id"]
            ?? VendorValues.derivedID([fields["email"], fields["subject"], message?.text])
        let created = fields["created"].flatMap { dates.date(from: $0) }
        var custom: [String: String] = [:]
        for (key, value) in fields where !Self.known.contains(key) { custom[key] = value }
        if let topic = fields["topicId"] { custom["topic_id"] = topic }
        if let phone = fields["phone"] { custom["phone"] = phone }
        let messages = message.map { m in
            [ImportedMessage(externalID: "message", author: requester, role: .customer, sentAt: created,
                             text: m.isHTML ? HTMLToText.convert(m.text) : m.text, html: m.isHTML ? m.text : nil)]
        } ?? []
        return ImportedTicket(
            source: source, externalID: id, subject: fields["subject"] ?? subjectFallback(messages.first?.text),
            status: fields["status"]?.lowercased(), channel: fields["source"]?.lowercased(), requester: requester,
            createdAt: created, updatedAt: fields["updated"].flatMap { dates.date(from: $0) },
            labelDepartment: fields["dept"] ?? fields["department"], labelPriority: VendorValues.priority(fields["priority"]),
            customFields: custom, messages: messages)
    }
}
