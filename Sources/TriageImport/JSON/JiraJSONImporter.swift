import Foundation
import TriageModel

/// Jira and Jira Service Management issues: a search result (`{"issues": [...]}`), an array or JSON Lines.
///
/// Descriptions and comments in Atlassian Document Format become text; `jsdPublic: false` comments are
/// internal; reporters and comment authors with `accountType: customer` are the customer side. The first
/// component's name is kept as the human department label.
public struct JiraJSONImporter: TicketImporter {
    public let format = ImportFormat.jiraJSON

    public init() {}

    public func read(_ url: URL, options: ImportOptions, diagnostics: any DiagnosticSink,
                     emit: (ImportRecord) throws -> Void) throws {
        let source = options.source ?? format.defaultSource
        let dates = FlexibleDateParser(defaultTimeZone: options.defaultTimeZone)
        let emitter = JSONTicketEmitter(url: url, diagnostics: diagnostics)
        let records = JSONRecordSource(url: url, paths: [["issues"], []], maxRecordBytes: options.maxRecordBytes)
        try emitter.run(records, emit: emit) { record in
            let issue = record.object
            let id = try requiredID(issue, "key", "id")
            guard let f = issue.object("fields") else { throw JSONRecordError(field: "fields", message: "issue \(id) has no `fields`") }
            let reporter = Self.person(f.object("reporter"))
            let created = emitter.date(f, "created", parser: dates, record: record)
            var messages: [ImportedMessage] = []
            if let description = f.value("description") {
                messages.append(ImportedMessage(externalID: "description", author: reporter, role: .customer,
                                                sentAt: created, text: ADFText.text(of: description)))
            }
            for c in f.objects("comment.comments") {
                let author = c.object("author")
                let isCustomer = author?.string("accountType") == "customer"
                    || (author?.string("emailAddress") != nil && author?.string("emailAddress") == reporter?.email)
                messages.append(ImportedMessage(
                    externalID: c.string("id"), author: Self.person(author), role: isCustomer ? .customer : .agent,
                    isPublic: c.bool("jsdPublic") ?? true, sentAt: dates.date(from: c.value("created")),
                    text: c.value("body").map(ADFText.text(of:)) ?? ""))
            }
            var custom: [String: String] = [:]
            if let type = f.string("issuetype.name") { custom["type"] = type }
            if let project = f.string("project.key") { custom["project"] = project }
            return ImportedTicket(
                source: source, externalID: id, subject: f.string("summary") ?? subjectFallback(messages.first?.text),
                status: f.string("status.name")?.lowercased(), channel: "jira", requester: reporter,
                organization: f.string("organization.name"), assignee: Self.person(f.object("assignee")),
                tags: f.strings("labels"), createdAt: created, updatedAt: emitter.date(f, "updated", parser: dates, record: record),
                labelDepartment: f.objects("components").first?.string("name"),
                labelPriority: f.string("priority.name").map { Priority(exported: $0)?.rawValue ?? $0.lowercased() },
                customFields: custom, messages: messages)
        }
    }

    static func person(_ object: JSONObject?) -> Participant? {
        guard let object else { return nil }
        let name = object.string("displayName"), email = object.string("emailAddress")
        return name == nil && email == nil ? nil : Participant(name: name, email: email)
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
