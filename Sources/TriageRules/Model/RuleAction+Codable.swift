import TriageModel

/// Actions encode as in the rules file, so stored firings read like the YAML that made them:
/// `{"escalate": {"team": "on-call", "reason": "..."}}`, `{"set_priority": "urgent"}`, `{"add_tags": ["a"]}`,
/// `{"needs_human": {"reason": "..."}}`, `{"notify": {"url": "...", "template": "..."}}`.
extension RuleAction: Codable {
    private enum Key: String, CodingKey {
        case escalate, setDepartment = "set_department", setPriority = "set_priority", addTags = "add_tags"
        case removeTags = "remove_tags", needsHuman = "needs_human", notify
        case writeBack = "write_back"
    }

    private struct Escalate: Codable {
        var team: String
        var reason: String
    }

    private struct Reason: Codable {
        var reason: String
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case let .escalate(team, reason): try container.encode(Escalate(team: team, reason: reason), forKey: .escalate)
        case let .setDepartment(name): try container.encode(name, forKey: .setDepartment)
        case let .setPriority(priority): try container.encode(priority, forKey: .setPriority)
        case let .addTags(tags): try container.encode(tags, forKey: .addTags)
        case let .removeTags(tags): try container.encode(tags, forKey: .removeTags)
        case let .needsHuman(reason): try container.encode(Reason(reason: reason), forKey: .needsHuman)
        case let .notify(target): try container.encode(target, forKey: .notify)
        case let .writeBack(action): try container.encode(action, forKey: .writeBack)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "an action has exactly one key"))
        }
        switch key {
        case .escalate:
            let value = try container.decode(Escalate.self, forKey: key)
            self = .escalate(team: value.team, reason: value.reason)
        case .setDepartment: self = .setDepartment(try container.decode(String.self, forKey: key))
        case .setPriority: self = .setPriority(try container.decode(Priority.self, forKey: key))
        case .addTags: self = .addTags(try container.decode([String].self, forKey: key))
        case .removeTags: self = .removeTags(try container.decode([String].self, forKey: key))
        case .needsHuman: self = .needsHuman(reason: try container.decode(Reason.self, forKey: key).reason)
        case .notify: self = .notify(try container.decode(WebhookTarget.self, forKey: key))
        case .writeBack: self = .writeBack(try container.decode(WriteBackAction.self, forKey: key))
        }
    }
}

extension WebhookTarget: Codable {
    private enum Key: String, CodingKey { case url, template }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(url, forKey: .url)
        try container.encode(template, forKey: .template)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        self.init(url: try container.decode(String.self, forKey: .url),
                  template: try container.decodeIfPresent(String.self, forKey: .template) ?? WebhookTarget.defaultTemplate)
    }
}
