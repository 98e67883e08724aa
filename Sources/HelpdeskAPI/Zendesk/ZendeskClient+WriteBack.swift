import Foundation

/// Write-back to Zendesk: `PUT /api/v2/tickets/{id}.json` with `safe_update: true` and the `updated_stamp` read
/// just before, so an agent's edit made in between is never overwritten: Zendesk answers 409 and the update is
/// rebuilt on a fresh read (up to `maxConflictRetries` times) or given up with `HelpdeskError.conflict`.
/// The internal note is the update's `comment` with `public: false`.
extension ZendeskClient: HelpdeskWriter {
    public static let maxConflictRetries = 3

    public func apply(_ update: HelpdeskUpdate, to ticketID: String, key: String) async throws -> WriteBackOutcome {
        let url = connection.url("/api/v2/tickets/\(ticketID).json")
        for _ in 0...Self.maxConflictRetries {
            let current = try await connection.json("GET", url)
            guard let ticket = current["ticket"] as? [String: Any], let stamp = ticket["updated_at"] as? String else {
                throw HelpdeskError.malformed(vendor: "Zendesk", path: url.path, detail: "no `ticket.updated_at`")
            }
            if update.internalNote != nil, try await hasMarker(key, ticketID: ticketID) { return .alreadyApplied }
            var body: [String: Any] = ["safe_update": true, "updated_stamp": stamp]
            if !update.addTags.isEmpty || !update.removeTags.isEmpty {
                body["tags"] = update.tags(after: ticket["tags"] as? [String] ?? [])
            }
            if let priority = update.priority { body["priority"] = priority }
            if let group = update.groupID { body["group_id"] = Int(group) ?? group as Any }
            if let assignee = update.assigneeID { body["assignee_id"] = Int(assignee) ?? assignee as Any }
            if !update.customFields.isEmpty {
                body["custom_fields"] = update.customFields.sorted { $0.key < $1.key }.map { ["id": Int($0.key) ?? $0.key as Any, "value": $0.value] }
            }
            if let note = update.noteBody(key: key) { body["comment"] = ["body": note, "public": false] }
            let data = try JSONSerialization.data(withJSONObject: ["ticket": body], options: [.sortedKeys])
            let (status, _, answer) = try await connection.send("PUT", url, json: data, idempotent: false)
            switch status {
            case 200..<300: return .applied
            case 409: continue
            default:
                throw HelpdeskError.status(vendor: "Zendesk", path: url.path, status: status, detail: HelpdeskConnection.errorDetail(answer))
            }
        }
        throw HelpdeskError.conflict(vendor: "Zendesk", path: url.path)
    }

    /// Whether the ticket already carries the note of the write `key` (an earlier attempt whose answer was lost).
    func hasMarker(_ key: String, ticketID: String) async throws -> Bool {
        let marker = HelpdeskUpdate.marker(key)
        let url = connection.url("/api/v2/tickets/\(ticketID)/comments.json", query: [URLQueryItem(name: "sort_order", value: "desc")])
        let page = try await connection.json("GET", url)
        return (page["comments"] as? [[String: Any]] ?? []).contains { ($0["body"] as? String)?.contains(marker) == true }
    }
}
