import TriageModel

/// The arguments of a `write_back` action: what a firing writes into the ticket in its help desk.
///
/// ```yaml
/// - write_back:
///     add_tags: [triage-billing]
///     remove_tags: [unsorted]
///     fields: {"360001234": "{{triage.department}}"}   # custom field id → value (placeholders allowed)
///     group: "360000111"                               # the help desk's group id
///     assignee: "360000222"                            # the help desk's agent id (Jira: accountId)
///     priority: routed                                 # or low | normal | high | urgent
///     note: true                                       # or a text with placeholders; always internal
/// ```
public struct WriteBackAction: Sendable, Hashable {
    /// The priority to write: a fixed one, or the ticket's priority as routed when the rule fires.
    public enum PriorityChoice: Sendable, Hashable {
        case fixed(Priority)
        case routed
    }

    /// A custom field and the template of its value.
    public struct Field: Sendable, Hashable {
        public var id: String
        public var value: String { template.source }
        let template: WebhookTemplate

        public init(id: String, value: String) {
            self.id = id
            self.template = WebhookTemplate(value)
        }
    }

    public var addTags: [String]
    public var removeTags: [String]
    /// In the order written.
    public var fields: [Field]
    public var group: String?
    public var assignee: String?
    public var priority: PriorityChoice?
    /// The internal note's template, or `nil` for no note.
    public var note: String? { noteTemplate?.source }
    let noteTemplate: WebhookTemplate?

    /// The note `note: true` writes: the triage answer, its summary and why the rule fired.
    public static let defaultNote = """
        Triage: {{triage.department}}, priority {{triage.priority}}, sentiment {{triage.sentiment}}, language {{triage.language}}
        Summary: {{triage.summary}}
        Reason: rule {{rule.id}} fired because {{rule.reason}}
        """

    public init(addTags: [String] = [], removeTags: [String] = [], fields: [Field] = [], group: String? = nil,
                assignee: String? = nil, priority: PriorityChoice? = nil, note: String? = nil) {
        self.addTags = addTags
        self.removeTags = removeTags
        self.fields = fields
        self.group = group
        self.assignee = assignee
        self.priority = priority
        self.noteTemplate = note.map(WebhookTemplate.init)
    }

    /// Whether the action writes anything at all.
    public var isEmpty: Bool {
        addTags.isEmpty && removeTags.isEmpty && fields.isEmpty && group == nil && assignee == nil && priority == nil
            && noteTemplate == nil
    }

    /// One line for explanations: `write_back +triage-billing, field 360001234, priority routed, note`.
    public var summary: String {
        var parts: [String] = addTags.map { "+\($0)" } + removeTags.map { "-\($0)" }
        parts += fields.map { "field \($0.id) = \"\($0.value)\"" }
        if let group { parts.append("group \(group)") }
        if let assignee { parts.append("assignee \(assignee)") }
        switch priority {
        case let .fixed(p)?: parts.append("priority \(p.rawValue)")
        case .routed?: parts.append("priority routed")
        case nil: break
        }
        if noteTemplate != nil { parts.append("internal note") }
        return "write_back " + parts.joined(separator: ", ")
    }
}

/// A write into one help desk ticket, rendered when a rule fired; queued in the outbox and delivered once.
public struct HelpdeskWrite: Sendable, Hashable, Codable {
    public var ruleID: String
    /// The ticket's source (`zendesk`, `freshdesk`, `jira`) and id there: which help desk and ticket to write to.
    public var source: String
    public var externalID: String
    public var addTags: [String]
    public var removeTags: [String]
    /// `low`, `normal`, `high` or `urgent`.
    public var priority: String?
    public var groupID: String?
    public var assigneeID: String?
    /// Custom field id → rendered value.
    public var customFields: [String: String]
    public var internalNote: String?
    /// Stable for (rule, ticket, content version, action): the outbox key, and the marker on the written note.
    public var idempotencyKey: String

    public init(ruleID: String, source: String, externalID: String, addTags: [String] = [], removeTags: [String] = [],
                priority: String? = nil, groupID: String? = nil, assigneeID: String? = nil,
                customFields: [String: String] = [:], internalNote: String? = nil, idempotencyKey: String) {
        self.ruleID = ruleID
        self.source = source
        self.externalID = externalID
        self.addTags = addTags
        self.removeTags = removeTags
        self.priority = priority
        self.groupID = groupID
        self.assigneeID = assigneeID
        self.customFields = customFields
        self.internalNote = internalNote
        self.idempotencyKey = idempotencyKey
    }
}

extension HelpdeskWrite {
    /// What is written, for explanations: `tags +a -b, priority high, field 360001234 = "Billing", internal note (3 lines)`.
    public var parts: String {
        var parts: [String] = []
        let tags = addTags.map { "+\($0)" } + removeTags.map { "-\($0)" }
        if !tags.isEmpty { parts.append("tags " + tags.joined(separator: " ")) }
        if let priority { parts.append("priority \(priority)") }
        if let groupID { parts.append("group \(groupID)") }
        if let assigneeID { parts.append("assignee \(assigneeID)") }
        for (id, value) in customFields.sorted(by: { $0.key < $1.key }) {
            parts.append("field \(id) = \"\(value.count > 40 ? value.prefix(40) + "…" : value)\"")
        }
        if let internalNote { parts.append("internal note (\(internalNote.split(separator: "\n", omittingEmptySubsequences: false).count) lines)") }
        return parts.isEmpty ? "nothing" : parts.joined(separator: ", ")
    }
}
