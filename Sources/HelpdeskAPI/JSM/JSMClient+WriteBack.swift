import Foundation

/// Write-back to Jira Service Management: `PUT /rest/api/3/issue/{key}` (labels through `update` add/remove
/// operations, so concurrent label edits by agents are merged, not replaced; `priority`, `assignee` and custom
/// fields through `fields`), and an internal comment: `POST /rest/api/3/issue/{key}/comment` with the property
/// `sd.public.comment` = `{"internal": true}`. The comment is not written again when the issue already has one
/// with the write's marker.
extension JSMClient: HelpdeskWriter {
    static let priorityNames = ["low": "Low", "normal": "Medium", "medium": "Medium", "high": "High", "urgent": "Highest"]

    public func apply(_ update: HelpdeskUpdate, to ticketID: String, key: String) async throws -> WriteBackOutcome {
        var edit: [String: Any] = [:]
        let labels = update.addTags.map { ["add": $0] } + update.removeTags.map { ["remove": $0] }
        if !labels.isEmpty { edit["update"] = ["labels": labels] }
        var fields: [String: Any] = [:]
        if let priority = update.priority { fields["priority"] = ["name": Self.priorityNames[priority.lowercased()] ?? "Medium"] }
        if let assignee = update.assigneeID { fields["assignee"] = ["accountId": assignee] }
        for (field, value) in update.customFields { fields[field] = value }
        if !fields.isEmpty { edit["fields"] = fields }
        let issueURL = connection.url("/rest/api/3/issue/\(ticketID)")
        if !edit.isEmpty {
            let (status, _, data) = try await connection.send("PUT", issueURL, json: try JSONSerialization.data(withJSONObject: edit, options: [.sortedKeys]))
            guard (200..<300).contains(status) else {
                throw HelpdeskError.status(vendor: "Jira Service Management", path: issueURL.path, status: status,
                                           detail: HelpdeskConnection.errorDetail(data))
            }
        }
        guard let note = update.noteBody(key: key) else { return .applied }
        let commentsURL = connection.url("/rest/api/3/issue/\(ticketID)/comment")
        let existing = try await connection.json("GET", connection.url("/rest/api/3/issue/\(ticketID)/comment",
                                                                        query: [URLQueryItem(name: "orderBy", value: "-created"),
                                                                                URLQueryItem(name: "maxResults", value: "100")]))
        let marker = HelpdeskUpdate.marker(key)
        if (existing["comments"] as? [[String: Any]] ?? []).contains(where: { Self.plainText($0["body"]).contains(marker) }) {
            return .alreadyApplied
        }
        let paragraphs = note.components(separatedBy: "\n\n").map { ["type": "paragraph", "content": [["type": "text", "text": $0]]] }
        let body: [String: Any] = [
            "body": ["type": "doc", "version": 1, "content": paragraphs],
            "properties": [["key": "sd.public.comment", "value": ["internal": true]]],
        ]
        _ = try await connection.json("POST", commentsURL, body: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]))
        return .applied
    }

    /// The text nodes of an Atlassian Document Format value, concatenated.
    static func plainText(_ value: Any?) -> String {
        if let text = value as? String { return text }
        guard let node = value as? [String: Any] else { return "" }
        return (node["text"] as? String ?? "") + (node["content"] as? [Any] ?? []).map(plainText).joined(separator: "\n")
    }
}
