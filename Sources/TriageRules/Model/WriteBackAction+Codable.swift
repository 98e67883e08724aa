import TriageModel

/// Encodes as in the rules file: `{"add_tags": [...], "fields": {"id": "template"}, "priority": "routed", "note": "..."}`
/// (absent parts left out; field order kept as a list of `{"id", "value"}` pairs).
extension WriteBackAction: Codable {
    private enum Key: String, CodingKey {
        case addTags = "add_tags", removeTags = "remove_tags", fields, group, assignee, priority, note
    }

    private struct StoredField: Codable {
        var id: String
        var value: String
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        if !addTags.isEmpty { try c.encode(addTags, forKey: .addTags) }
        if !removeTags.isEmpty { try c.encode(removeTags, forKey: .removeTags) }
        if !fields.isEmpty { try c.encode(fields.map { StoredField(id: $0.id, value: $0.value) }, forKey: .fields) }
        try c.encodeIfPresent(group, forKey: .group)
        try c.encodeIfPresent(assignee, forKey: .assignee)
        switch priority {
        case let .fixed(p)?: try c.encode(p.rawValue, forKey: .priority)
        case .routed?: try c.encode("routed", forKey: .priority)
        case nil: break
        }
        try c.encodeIfPresent(note, forKey: .note)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let priority: PriorityChoice?
        switch try c.decodeIfPresent(String.self, forKey: .priority) {
        case nil: priority = nil
        case "routed"?: priority = .routed
        case let text?:
            guard let p = Priority(rawValue: text) else {
                throw DecodingError.dataCorruptedError(forKey: .priority, in: c, debugDescription: "not a priority: \(text)")
            }
            priority = .fixed(p)
        }
        self.init(addTags: try c.decodeIfPresent([String].self, forKey: .addTags) ?? [],
                  removeTags: try c.decodeIfPresent([String].self, forKey: .removeTags) ?? [],
                  fields: (try c.decodeIfPresent([StoredField].self, forKey: .fields) ?? []).map { Field(id: $0.id, value: $0.value) },
                  group: try c.decodeIfPresent(String.self, forKey: .group),
                  assignee: try c.decodeIfPresent(String.self, forKey: .assignee),
                  priority: priority, note: try c.decodeIfPresent(String.self, forKey: .note))
    }
}
