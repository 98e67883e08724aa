import Foundation
import TriageModel

/// Jira and Jira Service Management issues and requests in every documented JSON shape: a search result
/// (`{"issues": [...]}`), one issue (`GET /rest/api/3/issue/{key}`), JSM customer requests (`issueKey`,
/// `requestFieldValues`) alone or in paged `{"values": [...]}`, arrays and JSON Lines.
///
/// Descriptions and comments in Atlassian Document Format become text. A comment is internal when it has
/// `jsdPublic: false`, `public: false` (JSM) or a `visibility` restriction (role or group). Comments come from
/// `fields.comment.comments`, a `comments` array on the issue, or companion files beside the export holding
/// `{"comments": [...]}` (matched to their issue by the `/issue/{id}/comment/` in each comment's `self`).
/// Reporters and comment authors with `accountType: customer` are the customer side. The first component's name
/// is kept as the human department label.
public struct JiraJSONImporter: TicketImporter {
    public let format = ImportFormat.jiraJSON

    static let expected = """
        Jira issues or JSM requests: a search result `{"issues": [...]}`, one issue (`key` and `fields`), JSM requests \
        (`issueKey`, `requestFieldValues`) alone or paged as `{"values": [...]}`, an array or JSON Lines of them
        """

    public init() {}

    public func read(_ url: URL, options: ImportOptions, diagnostics: any DiagnosticSink,
                     emit: (ImportRecord) throws -> Void) throws {
        let source = options.source ?? format.defaultSource
        let dates = FlexibleDateParser(defaultTimeZone: options.defaultTimeZone)
        let payload = JSONPayloadReader(url: url, vendor: .jira, listKeys: ["issues", "values"],
                                        expected: Self.expected, maxRecordBytes: options.maxRecordBytes)
        let layout = try payload.layout()
        let emitter = JSONTicketEmitter(url: url, diagnostics: diagnostics)
        let comments = JiraCompanionComments.load(beside: url, maxBytes: options.maxRecordBytes)
        let mapper = JiraIssueMapper(source: source, dates: dates, emitter: emitter, companionComments: comments, file: url)
        try payload.read(layout, emitter: emitter, emit: emit, map: mapper.ticket) { document in
            if let array = document as? [Any] { return JSONPayloadReader.objects(array) }
            guard let root = document as? [String: Any] else { return [] }
            let o = JSONObject(root)
            if root["issues"] is [Any] { return o.objects("issues") }
            if root["values"] is [Any] { return o.objects("values") }
            if JiraIssueMapper.isIssue(o) { return [o] }
            if root["comments"] is [Any] {
                throw ImportError.unexpectedContent(file: url.path, expected: Self.expected, found: "comments only (`comments`), no issue",
                                                    hint: "import the folder that holds their issues: comments are attached by the issue id in their `self` URL")
            }
            return []
        }
    }

    static func person(_ object: JSONObject?) -> Participant? {
        guard let object else { return nil }
        let name = object.string("displayName"), email = object.string("emailAddress")
        return name == nil && email == nil ? nil : Participant(name: name, email: email)
    }
}

/// One Jira issue or JSM request as a ticket.
struct JiraIssueMapper {
    let source: String
    let dates: FlexibleDateParser
    let emitter: JSONTicketEmitter
    let companionComments: [String: [JSONObject]]
    let file: URL

    static func isIssue(_ o: JSONObject) -> Bool {
        (o.value("fields") is [String: Any] && (o.value("key") != nil || o.value("id") != nil))
            || o.value("issueKey") != nil || o.value("requestFieldValues") != nil
    }

    func ticket(_ record: JSONRecordSource.Record) throws -> ImportedTicket? {
        let issue = record.object
        var keys: Set<String> { Set(issue.raw.keys) }
        if record.index == 1, let vendor = JSONVendorFingerprint.vendor(ofRecordKeys: keys), vendor != .jira {
            throw ImportError.unexpectedContent(file: file.path, expected: "Jira issues", found: "a \(vendor.displayName) record (keys \(JSONPayloadProbe.list(keys.sorted())))",
                                                hint: "import it with --from \(vendor.format.rawValue), or without --from")
        }
        if issue.value("issueKey") != nil || issue.value("requestFieldValues") != nil { return try request(issue, record: record) }
        let id = try requiredID(issue, "key", "id")
        guard let f = issue.object("fields") else { throw JSONRecordError(field: "fields", message: "issue \(id) has no `fields`: not a Jira issue") }
        let reporter = JiraJSONImporter.person(f.object("reporter"))
        let created = emitter.date(f, "created", parser: dates, record: record)
        var messages: [ImportedMessage] = []
        if let description = f.value("description") {
            messages.append(ImportedMessage(externalID: "description", author: reporter, role: .customer,
                                            sentAt: created, text: ADFText.text(of: description)))
        }
        var comments = f.objects("comment.comments")
        if comments.isEmpty { comments = f.objects("comment") }
        if comments.isEmpty { comments = f.objects("comments") + issue.objects("comments") }
        if let numeric = issue.string("id") { comments += companionComments[numeric] ?? [] }
        var seen = Set<String>()
        for c in comments {
            if let cid = c.string("id"), !seen.insert(cid).inserted { continue }
            messages.append(comment(c, reporter: reporter))
        }
        var custom: [String: String] = [:]
        if let type = f.string("issuetype.name") { custom["type"] = type }
        if let project = f.string("project.key") { custom["project"] = project }
        return ImportedTicket(
            source: source, externalID: id, subject: f.string("summary") ?? subjectFallback(messages.first?.text),
            status: f.string("status.name")?.lowercased(), channel: "jira", requester: reporter,
            organization: f.string("organization.name"), assignee: JiraJSONImporter.person(f.object("assignee")),
            tags: f.strings("labels"), createdAt: created, updatedAt: emitter.date(f, "updated", parser: dates, record: record),
            labelDepartment: f.objects("components").first?.string("name"),
            labelPriority: f.string("priority.name").map { Priority(exported: $0)?.rawValue ?? $0.lowercased() },
            customFields: custom, messages: messages)
    }

    /// A JSM customer request (`GET /rest/servicedeskapi/request/{key}`).
    private func request(_ r: JSONObject, record: JSONRecordSource.Record) throws -> ImportedTicket {
        let id = try requiredID(r, "issueKey", "issueId")
        var values: [String: Any] = [:]
        var custom: [String: String] = [:]
        for field in r.objects("requestFieldValues") {
            guard let fieldID = field.string("fieldId"), let value = field.value("value") else { continue }
            values[fieldID] = value
            if !["summary", "description"].contains(fieldID), let text = JSONObject.text(value) ?? (value as? [String: Any]).flatMap({ JSONObject.text($0["value"] ?? $0["name"]) }) {
                custom[fieldID] = text
            }
        }
        let reporter = JiraJSONImporter.person(r.object("reporter"))
        let created = dates.date(from: r.value("createdDate.iso8601") ?? r.value("createdDate.epochMillis"))
        var messages: [ImportedMessage] = []
        if let description = values["description"] {
            messages.append(ImportedMessage(externalID: "description", author: reporter, role: .customer, sentAt: created,
                                            text: (description as? String) ?? ADFText.text(of: description)))
        }
        let companions = (r.string("issueId").flatMap { companionComments[$0] } ?? []) + (companionComments[id] ?? [])
        for c in r.objects("comment.values") + r.objects("comments.values") + r.objects("comments") + companions {
            messages.append(comment(c, reporter: reporter))
        }
        if let type = r.string("requestTypeId") { custom["request_type_id"] = type }
        if let desk = r.string("serviceDeskId") { custom["service_desk_id"] = desk }
        return ImportedTicket(
            source: source, externalID: id, subject: (values["summary"].flatMap { JSONObject.text($0) }) ?? subjectFallback(messages.first?.text),
            status: r.string("currentStatus.status")?.lowercased(), channel: "jsm", requester: reporter,
            createdAt: created, labelDepartment: r.string("requestType.name"), customFields: custom, messages: messages)
    }

    /// A comment of an issue (`jsdPublic`, `visibility`) or of a JSM request (`public`).
    private func comment(_ c: JSONObject, reporter: Participant?) -> ImportedMessage {
        let author = c.object("author")
        let isCustomer = author?.string("accountType") == "customer"
            || (author?.string("emailAddress") != nil && author?.string("emailAddress") == reporter?.email)
        let restricted = c.object("visibility").map { $0.string("type") != nil || $0.string("value") != nil } ?? false
        let isPublic = !restricted && (c.bool("jsdPublic") ?? c.bool("public") ?? true)
        let created = c.value("created.iso8601") ?? c.value("created.epochMillis") ?? c.value("created")
        return ImportedMessage(
            externalID: c.string("id"), author: JiraJSONImporter.person(author), role: isCustomer ? .customer : .agent,
            isPublic: isPublic, sentAt: dates.date(from: created), text: c.value("body").map(ADFText.text(of:)) ?? "")
    }
}

/// Comment pages (`{"comments": [...]}`, `GET /rest/api/3/issue/{id}/comment`) beside an export, by issue id.
enum JiraCompanionComments {
    static func load(beside main: URL, maxBytes: Int) -> [String: [JSONObject]] {
        var result: [String: [JSONObject]] = [:]
        let folder = main.deletingLastPathComponent()
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        where name != main.lastPathComponent && name.lowercased().hasSuffix(".json") {
            let file = folder.appendingPathComponent(name)
            guard let probe = try? JSONPayloadProbe.probe(file), probe.root == .object,
                  probe.topKeys.contains("comments") || (probe.topKeys.contains("values") && probe.firstArrayRecordKeys.contains("body")),
                  !probe.topKeys.contains("fields"), !probe.topKeys.contains("issues"),
                  let root = try? JSONDocument.load(file, maxBytes: maxBytes) as? [String: Any] else { continue }
            let page = JSONObject(root)
            for comment in page.objects("comments") + page.objects("values") {
                if let issue = issueID(fromCommentURL: comment.string("self") ?? comment.string("_links.self")) {
                    result[issue, default: []].append(comment)
                }
            }
        }
        return result
    }

    /// `https://x.atlassian.net/rest/api/3/issue/10010/comment/10000` → `10010`; JSM's
    /// `…/rest/servicedeskapi/request/2000/comment/1000` → `2000`.
    static func issueID(fromCommentURL url: String?) -> String? {
        guard let url, let range = url.range(of: "/issue/") ?? url.range(of: "/request/") else { return nil }
        let rest = url[range.upperBound...]
        guard let slash = rest.firstIndex(of: "/"), rest[slash...].hasPrefix("/comment") else { return nil }
        return String(rest[..<slash])
    }
}

/// Plain text of an Atlassian Document Format node (or a plain wiki-markup string).
enum ADFText {
    static func text(of value: Any) -> String {
        if let string = value as? String { return string }
        var out = ""
        render(value, into: &out, depth: 0, listPrefix: nil)
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func render(_ value: Any, into out: inout String, depth: Int, listPrefix: String?) {
        guard depth < 64, let node = value as? [String: Any] else { return }
        let type = node["type"] as? String ?? ""
        let attrs = node["attrs"] as? [String: Any] ?? [:]
        let children = node["content"] as? [Any] ?? []
        func renderChildren(prefix: String? = listPrefix) {
            for child in children { render(child, into: &out, depth: depth + 1, listPrefix: prefix) }
        }
        switch type {
        case "text": out += node["text"] as? String ?? ""
        case "hardBreak": out += "\n"
        case "mention": out += attrs["text"] as? String ?? "@user"
        case "emoji": out += attrs["text"] as? String ?? attrs["shortName"] as? String ?? ""
        case "inlineCard", "blockCard": out += attrs["url"] as? String ?? ""
        case "paragraph", "heading":
            renderChildren()
            out += "\n\n"
        case "bulletList", "orderedList":
            for (i, child) in children.enumerated() {
                out += type == "orderedList" ? "\(i + 1). " : "- "
                render(child, into: &out, depth: depth + 1, listPrefix: nil)
                while out.hasSuffix("\n\n") { out.removeLast() }
            }
            out += "\n"
        case "codeBlock":
            renderChildren()
            out += "\n\n"
        case "rule": out += "\n---\n"
        case "tableRow":
            let cells = children.map { cell -> String in
                var text = ""
                render(cell, into: &text, depth: depth + 1, listPrefix: nil)
                return text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            out += cells.joined(separator: " | ") + "\n"
        default: renderChildren()
        }
    }
}
