import TriageModel

/// What a rule does when it fires (`then:`), in the order written.
public enum RuleAction: Sendable, Hashable {
    /// Hand the ticket to a team (`escalate: {team: on-call, reason: ...}`).
    case escalate(team: String, reason: String)
    /// Route to another department (`set_department: Billing`).
    case setDepartment(String)
    /// Change the priority (`set_priority: urgent`).
    case setPriority(Priority)
    /// Add tags that are not there yet, ignoring case (`add_tags: [vip, refund]`).
    case addTags([String])
    /// Remove tags, ignoring case (`remove_tags: [auto-closed]`).
    case removeTags([String])
    /// Flag the ticket for a person (`needs_human: {reason: ...}` or `needs_human: "reason"`).
    case needsHuman(reason: String)
    /// Post a JSON body to a webhook (`notify: {url: ..., template: ...}`).
    case notify(WebhookTarget)
    /// Write tags, fields, group, assignee, priority and an internal note into the ticket in its help desk
    /// (`write_back: {...}`; see ``WriteBackAction``).
    case writeBack(WriteBackAction)

    /// The action's name in the rules file.
    public var name: String {
        switch self {
        case .escalate: "escalate"
        case .setDepartment: "set_department"
        case .setPriority: "set_priority"
        case .addTags: "add_tags"
        case .removeTags: "remove_tags"
        case .needsHuman: "needs_human"
        case .notify: "notify"
        case .writeBack: "write_back"
        }
    }

    /// Every action name a rules file may use.
    public static let allNames = ["escalate", "set_department", "set_priority", "add_tags", "remove_tags",
                                  "needs_human", "notify", "write_back"]

    /// One line for explanations: `escalate on-call ("Possible outage")`.
    public var summary: String {
        switch self {
        case let .escalate(team, reason): "escalate \(team) (\"\(reason)\")"
        case let .setDepartment(department): "set_department \"\(department)\""
        case let .setPriority(priority): "set_priority \(priority.rawValue)"
        case let .addTags(tags): "add_tags " + tags.joined(separator: ", ")
        case let .removeTags(tags): "remove_tags " + tags.joined(separator: ", ")
        case let .needsHuman(reason): "needs_human (\"\(reason)\")"
        case let .notify(target): "notify \(target.url)"
        case let .writeBack(action): action.summary
        }
    }
}

/// A webhook a `notify` action posts to.
public struct WebhookTarget: Sendable, Hashable {
    public var url: String
    /// A JSON body with `{{placeholders}}`; each placeholder is replaced by its value, escaped for a JSON string.
    public var template: String { compiled.source }
    let compiled: WebhookTemplate

    /// A Slack-compatible body (`{"text": ...}`) naming the rule, the ticket and the triage result.
    public static let defaultTemplate = #"{"text": "[{{rule.id}}] {{ticket.source}}/{{ticket.id}}: {{subject}} ({{triage.department}}, {{triage.priority}})"}"#

    public init(url: String, template: String = WebhookTarget.defaultTemplate) {
        self.url = url
        self.compiled = WebhookTemplate(template)
    }
}
