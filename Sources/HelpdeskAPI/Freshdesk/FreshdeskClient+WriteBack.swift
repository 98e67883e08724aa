import Foundation

/// Write-back to Freshdesk: `PUT /api/v2/tickets/{id}` (tags, priority 1–4, `group_id`, `responder_id`,
/// `custom_fields`) and `POST /api/v2/tickets/{id}/notes` with `private: true` for the internal note.
///
/// Freshdesk has no conditional update; the tags are computed from a read just before the write, so an agent's
/// edit can only be lost within that moment. The note is not written again when a ticket conversation already
/// carries the write's marker (an earlier attempt whose answer was lost).
extension FreshdeskClient: HelpdeskWriter {
    static let priorityCodes = ["low": 1, "normal": 2, "medium": 2, "high": 3, "urgent": 4]

    public func apply(_ update: HelpdeskUpdate, to ticketID: String, key: String) async throws -> WriteBackOutcome {
        let url = connection.url("/api/v2/tickets/\(ticketID)")
        let ticket = try await connection.json("GET", url)
        var fields: [String: Any] = [:]
        if !update.addTags.isEmpty || !update.removeTags.isEmpty {
            fields["tags"] = update.tags(after: ticket["tags"] as? [String] ?? [])
        }
        if let priority = update.priority { fields["priority"] = Self.priorityCodes[priority.lowercased()] ?? 2 }
        if let group = update.groupID { fields["group_id"] = Int(group) ?? group as Any }
        if let agent = update.assigneeID { fields["responder_id"] = Int(agent) ?? agent as Any }
        if !update.customFields.isEmpty { fields["custom_fields"] = update.customFields }
        if !fields.isEmpty {
            _ = try await connection.json("PUT", url, body: try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]))
        }
        guard let note = update.noteBody(key: key) else { return .applied }
        let marker = HelpdeskUpdate.marker(key)
        let conversations = try await connection.jsonValue("GET", connection.url("/api/v2/tickets/\(ticketID)/conversations",
                                                                                  query: [URLQueryItem(name: "per_page", value: "100")]))
        if (conversations as? [[String: Any]] ?? []).contains(where: { (($0["body_text"] ?? $0["body"]) as? String)?.contains(marker) == true }) {
            return .alreadyApplied
        }
        let body = try JSONSerialization.data(withJSONObject: ["body": Self.html(note), "private": true], options: [.sortedKeys])
        _ = try await connection.json("POST", connection.url("/api/v2/tickets/\(ticketID)/notes"), body: body)
        return .applied
    }

    /// The note as HTML: escaped, line breaks kept.
    static func html(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\n", with: "<br>")
    }
}
