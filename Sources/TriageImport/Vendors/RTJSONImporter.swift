import Foundation
import TriageModel

/// Request Tracker REST2 tickets (`GET /REST/2.0/ticket/{id}`, searches `GET /REST/2.0/tickets?fields=…` with
/// `items`, arrays and JSON Lines). RT's conversation is its mail, which imports as e-mail; these records give
/// the ticket fields: `Subject`, `Status`, `Queue` (the human department label), `Requestor`, `Owner`,
/// `Created`, `LastUpdated`, `Priority` and `CustomFields`.
public struct RTJSONImporter: TicketImporter {
    public let format = ImportFormat.rtJSON

    static let expected = """
        Request Tracker REST2 tickets: one ticket (`id`, `Subject`, `Queue`), search results `{"items": [...]}` \
        requested with `fields=`, an array or JSON Lines of them
        """

    public init() {}

    public func read(_ url: URL, options: ImportOptions, diagnostics: any DiagnosticSink,
                     emit: (ImportRecord) throws -> Void) throws {
        let source = options.source ?? format.defaultSource
        let dates = FlexibleDateParser(defaultTimeZone: options.defaultTimeZone)
        let payload = JSONPayloadReader(url: url, vendor: .requestTracker, listKeys: ["items"],
                                        expected: Self.expected, maxRecordBytes: options.maxRecordBytes)
        let emitter = JSONTicketEmitter(url: url, diagnostics: diagnostics)
        let map = { (record: JSONRecordSource.Record) throws -> ImportedTicket? in
            try Self.ticket(record.object, record: record, source: source, dates: dates, emitter: emitter)
        }
        try payload.read(try payload.layout(), emitter: emitter, emit: emit, map: map) { document in
            if let array = document as? [Any] { return JSONPayloadReader.objects(array) }
            guard let root = document as? [String: Any] else { return [] }
            let o = JSONObject(root)
            return root["items"] is [Any] ? o.objects("items") : (o.value("Subject") != nil ? [o] : [])
        }
    }

    /// `{"type": "user", "id": "root@localhost"}` or a plain string as a participant.
    static func user(_ value: Any?) -> Participant? {
        let id = (value as? [String: Any]).flatMap { JSONObject.text($0["id"]) } ?? JSONObject.text(value)
        guard let id, id != "Nobody" else { return nil }
        return id.contains("@") ? Participant(email: id) : Participant(name: id)
    }

    static func ticket(_ t: JSONObject, record: JSONRecordSource.Record, source: String, dates: FlexibleDateParser,
                       emitter: JSONTicketEmitter) throws -> ImportedTicket {
        let id = try requiredID(t, "id")
        guard t.value("Subject") != nil || t.value("Queue") != nil else {
            if t.string("type") == "ticket" {
                throw JSONRecordError(field: "Subject", message: "a reference to ticket \(id) without its fields: search with `fields=Subject,Status,Queue,Requestor,Created`")
            }
            throw JSONRecordError(message: "not a Request Tracker ticket (no `Subject` or `Queue`)")
        }
        let requestors = (t.value("Requestor") as? [Any]) ?? t.value("Requestors").map { [$0] } ?? []
        let queue = t.string("Queue.Name") ?? t.string("Queue.id") ?? t.string("Queue")
        var custom: [String: String] = [:]
        for field in t.objects("CustomFields") {
            guard let name = field.string("name") else { continue }
            let values = field.strings("values")
            if !values.isEmpty { custom[name] = values.joined(separator: ", ") }
        }
        if let priority = t.string("Priority") { custom["priority"] = priority }
        return ImportedTicket(
            source: source, externalID: id, subject: t.string("Subject") ?? "(no subject)",
            status: t.string("Status")?.lowercased(), channel: "rt", requester: requestors.lazy.compactMap(user).first,
            assignee: user(t.value("Owner")), createdAt: emitter.date(t, "Created", parser: dates, record: record),
            updatedAt: emitter.date(t, "LastUpdated", parser: dates, record: record), labelDepartment: queue,
            customFields: custom)
    }
}
