import Foundation
import TriageModel

/// Zammad tickets (`GET /api/v1/tickets?expand=true`, one ticket, search results with `assets`) and their
/// articles: inline (`articles`), in the search `assets.TicketArticle`, or in companion files beside the export
/// (`GET /api/v1/ticket_articles/by_ticket/{id}`: arrays of articles with `ticket_id`).
///
/// An article with `internal: true` is internal; its `sender` (`Customer`, `Agent`, `System`) gives the side.
/// The group is the human department label; priorities such as `2 normal` become `normal`.
public struct ZammadJSONImporter: TicketImporter {
    public let format = ImportFormat.zammadJSON

    static let expected = """
        Zammad tickets: an array of tickets (`?expand=true`), one ticket (`id`, `title`, `number`), or search \
        results with `assets`
        """

    public init() {}

    public func read(_ url: URL, options: ImportOptions, diagnostics: any DiagnosticSink,
                     emit: (ImportRecord) throws -> Void) throws {
        let source = options.source ?? format.defaultSource
        let dates = FlexibleDateParser(defaultTimeZone: options.defaultTimeZone)
        let payload = JSONPayloadReader(url: url, vendor: .zammad, listKeys: ["tickets"],
                                        expected: Self.expected, maxRecordBytes: options.maxRecordBytes)
        let layout = try payload.layout()
        var companions = CompanionFiles.load(beside: url, vendor: .zammad, ticketKey: "ticket_id",
                                             maxBytes: options.maxRecordBytes, diagnostics: diagnostics)
        let emitter = JSONTicketEmitter(url: url, diagnostics: diagnostics)
        switch layout {
        case .lines, .list:
            let mapper = ZammadTicketMapper(source: source, dates: dates, emitter: emitter, companions: companions, users: [:])
            try payload.forEach(layout, emitter: emitter, emit: emit, map: mapper.ticket)
        case let .document(document):
            var objects: [JSONObject] = []
            var users: [String: JSONObject] = [:]
            if let array = document as? [Any] { objects = JSONPayloadReader.objects(array) }
            else if let root = document as? [String: Any] {
                let o = JSONObject(root)
                if let assets = o.object("assets") {
                    objects = ((assets.value("Ticket") as? [String: Any]) ?? [:]).values.compactMap { ($0 as? [String: Any]).map(JSONObject.init) }
                        .sorted { ($0.int("id") ?? 0) < ($1.int("id") ?? 0) }
                    for case let article as [String: Any] in ((assets.value("TicketArticle") as? [String: Any]) ?? [:]).values {
                        let a = JSONObject(article)
                        if let ticket = a.string("ticket_id") { companions.messages[ticket, default: []].append(a) }
                    }
                    for case let (id, user as [String: Any]) in (assets.value("User") as? [String: Any]) ?? [:] { users[id] = JSONObject(user) }
                } else if o.value("title") != nil || o.value("number") != nil, o.value("id") != nil {
                    objects = [o]
                }
            }
            if objects.isEmpty { throw payload.unknownShape(document) }
            let mapper = ZammadTicketMapper(source: source, dates: dates, emitter: emitter, companions: companions, users: users)
            try emitter.run(records: JSONPayloadReader.records(objects), emit: emit, map: mapper.ticket)
        }
    }
}

/// One Zammad ticket and its articles as a ticket.
struct ZammadTicketMapper {
    let source: String
    let dates: FlexibleDateParser
    let emitter: JSONTicketEmitter
    let companions: CompanionFiles
    /// Users from search `assets`, by id.
    let users: [String: JSONObject]

    func ticket(_ record: JSONRecordSource.Record) throws -> ImportedTicket? {
        let t = record.object
        let id = try requiredID(t, "id")
        guard t.value("title") != nil || t.value("number") != nil else {
            throw JSONRecordError(message: "not a Zammad ticket (no `title` or `number`)")
        }
        let customer = user(t.string("customer_id")) ?? t.string("customer").map { participant(fromAddress: $0) ?? Participant(name: $0) }
        var articles = t.objects("articles") + (companions.messages[id] ?? [])
        var seen = Set<String>()
        articles = articles.filter { a in a.string("id").map { seen.insert($0).inserted } ?? true }
        var messages: [ImportedMessage] = articles.map { a in
            let sender = a.string("sender")?.lowercased()
            let isInternal = a.bool("internal") ?? false
            let isHTML = a.string("content_type")?.lowercased().contains("html") == true
            let body = a.string("body") ?? ""
            return ImportedMessage(
                externalID: a.string("id"), author: participant(fromAddress: a.string("from")) ?? user(a.string("created_by_id")),
                role: sender == "customer" ? .customer : .agent, isPublic: !isInternal,
                sentAt: dates.date(from: a.value("created_at")),
                text: isHTML ? HTMLToText.convert(body) : body, html: isHTML ? body : nil)
        }
        messages.sort { ($0.sentAt ?? .distantPast) < ($1.sentAt ?? .distantPast) }
        var custom: [String: String] = [:]
        if let number = t.string("number") { custom["number"] = number }
        if let type = t.string("type") { custom["type"] = type }
        return ImportedTicket(
            source: source, externalID: id, subject: t.string("title") ?? subjectFallback(messages.first?.text),
            status: t.string("state")?.lowercased(), channel: articles.first?.string("type"),
            requester: customer, organization: t.string("organization"),
            assignee: t.string("owner").flatMap { $0 == "-" ? nil : Participant(name: $0) } ?? user(t.string("owner_id")),
            tags: t.strings("tags"), createdAt: emitter.date(t, "created_at", parser: dates, record: record),
            updatedAt: emitter.date(t, "updated_at", parser: dates, record: record),
            labelDepartment: t.string("group"), labelPriority: VendorValues.priority(t.string("priority")),
            customFields: custom, messages: messages)
    }

    private func user(_ id: String?) -> Participant? {
        guard let id, let u = users[id] else { return nil }
        let name = [u.string("firstname"), u.string("lastname")].compactMap { $0 }.joined(separator: " ")
        return Participant(name: name.isEmpty ? nil : name, email: u.string("email"))
    }
}
