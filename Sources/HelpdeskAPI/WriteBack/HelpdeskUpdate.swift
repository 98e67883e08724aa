import Foundation

/// What triage writes back to one help desk ticket: tags, priority, group, assignee, custom fields, and an
/// internal note. Empty parts are left alone.
public struct HelpdeskUpdate: Sendable, Hashable, Codable {
    public var addTags: [String]
    public var removeTags: [String]
    /// `low`, `normal`, `high` or `urgent` (mapped to each vendor's values).
    public var priority: String?
    /// The vendor's group id (Zendesk `group_id`, Freshdesk `group_id`).
    public var groupID: String?
    /// The vendor's agent id (Zendesk `assignee_id`, Freshdesk `responder_id`, Jira `accountId`).
    public var assigneeID: String?
    /// Custom field id → value (Zendesk field id, Freshdesk `cf_…` name, Jira `customfield_…`).
    public var customFields: [String: String]
    /// Text of an internal note (never visible to the customer).
    public var internalNote: String?

    public init(addTags: [String] = [], removeTags: [String] = [], priority: String? = nil, groupID: String? = nil,
                assigneeID: String? = nil, customFields: [String: String] = [:], internalNote: String? = nil) {
        self.addTags = addTags
        self.removeTags = removeTags
        self.priority = priority
        self.groupID = groupID
        self.assigneeID = assigneeID
        self.customFields = customFields
        self.internalNote = internalNote
    }

    /// The ticket's tags after this update: `current` plus the added ones, minus the removed ones (case-insensitive).
    public func tags(after current: [String]) -> [String] {
        let removed = Set(removeTags.map { $0.lowercased() })
        var result = current.filter { !removed.contains($0.lowercased()) }
        var seen = Set(result.map { $0.lowercased() })
        for tag in addTags where !removed.contains(tag.lowercased()) && seen.insert(tag.lowercased()).inserted {
            result.append(tag)
        }
        return result
    }

    /// The note as written, ending with a marker line that carries the write's idempotency key: a retry after a
    /// lost answer finds the marker on the ticket and does not write the note twice.
    public func noteBody(key: String) -> String? {
        internalNote.map { "\($0)\n\n\(Self.marker(key))" }
    }

    public static func marker(_ key: String) -> String { "[triage \(key)]" }
}

/// What a write-back did.
public enum WriteBackOutcome: String, Sendable, Hashable, Codable {
    /// The update was applied now.
    case applied
    /// A previous attempt had already applied it (its marker is on the ticket); nothing was written again.
    case alreadyApplied = "already_applied"
}

/// A help desk that accepts triage write-backs.
public protocol HelpdeskWriter: Sendable {
    /// Applies `update` to the ticket `ticketID` at most once per `key`, without overwriting concurrent agent edits.
    func apply(_ update: HelpdeskUpdate, to ticketID: String, key: String) async throws -> WriteBackOutcome
}
