import TriageModel
import Yams

extension RuleFileParser {
    static let writeBackKeys = ["add_tags", "remove_tags", "fields", "group", "assignee", "priority", "note"]

    /// `write_back: {add_tags, remove_tags, fields, group, assignee, priority, note}`; every problem names the rule
    /// and the key.
    mutating func parseWriteBack(_ value: Node) -> RuleAction? {
        let rule = ruleID.isEmpty ? "" : " of rule '\(ruleID)'"
        guard let mapping = value.mapping, !mapping.isEmpty else {
            error(value, "`write_back`\(rule) takes a mapping with any of " + Self.writeBackKeys.joined(separator: ", "))
            return nil
        }
        var action = WriteBackAction()
        var valid = true
        for (key, node) in mapping {
            let name = key.string ?? ""
            let place = "`write_back.\(name)`\(rule)"
            switch name {
            case "add_tags", "remove_tags":
                guard let tags = tagList(node), !tags.isEmpty, tags.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) else {
                    error(node, "\(place) takes a tag or a list of tags (help desk tags have no spaces)")
                    valid = false
                    continue
                }
                if name == "add_tags" { action.addTags = tags } else { action.removeTags = tags }
            case "fields":
                guard let fields = node.mapping, !fields.isEmpty else {
                    error(node, "\(place) takes a mapping of custom field id to value: {\"360001234\": \"{{triage.department}}\"}")
                    valid = false
                    continue
                }
                for (idNode, valueNode) in fields {
                    guard let id = scalarString(idNode), !id.isEmpty else {
                        error(idNode, "\(place): a custom field id is a number or a name (Zendesk field id, Freshdesk cf_…, Jira customfield_…)")
                        valid = false
                        continue
                    }
                    guard let text = scalarString(valueNode), checkTextTemplate(text, node: valueNode, place: "\(place) '\(id)'") else {
                        if scalarString(valueNode) == nil { error(valueNode, "\(place) '\(id)' takes a text value") }
                        valid = false
                        continue
                    }
                    action.fields.append(.init(id: id, value: text))
                }
            case "group", "assignee":
                guard let id = scalarString(node), !id.isEmpty, !id.contains("{{") else {
                    error(node, "\(place) takes the help desk's \(name == "group" ? "group" : "agent") id (a fixed value, e.g. \"360000111\")")
                    valid = false
                    continue
                }
                if name == "group" { action.group = id } else { action.assignee = id }
            case "priority":
                let text = scalarString(node)?.lowercased() ?? ""
                if text == "routed" {
                    action.priority = .routed
                } else if let priority = Priority(rawValue: text) {
                    action.priority = .fixed(priority)
                } else {
                    error(node, "\(place) takes routed (the ticket's priority after the rules), urgent, high, normal or low"
                          + Self.didYouMean(text, in: ["routed"] + Priority.allCases.map(\.rawValue)))
                    valid = false
                }
            case "note":
                if node.scalar?.style == .plain, let flag = node.bool {
                    if flag { action = with(action, note: WriteBackAction.defaultNote) }
                    continue
                }
                guard let text = scalarString(node), !text.isEmpty else {
                    error(node, "\(place) takes true (the summary and the reason) or a text with {{placeholders}}")
                    valid = false
                    continue
                }
                guard checkTextTemplate(text, node: node, place: place) else {
                    valid = false
                    continue
                }
                action = with(action, note: text)
            default:
                error(key, "unknown key '\(name)' in `write_back`\(rule); expected " + Self.writeBackKeys.joined(separator: ", ")
                      + Self.didYouMean(name, in: Self.writeBackKeys))
                valid = false
            }
        }
        guard valid else { return nil }
        if action.isEmpty {
            error(value, "`write_back`\(rule) writes nothing; give it at least one of " + Self.writeBackKeys.joined(separator: ", "))
            return nil
        }
        return .writeBack(action)
    }

    private static func didYouMean(_ name: String, in candidates: [String]) -> String {
        NameSuggestion.closest(to: name, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    private func with(_ action: WriteBackAction, note: String) -> WriteBackAction {
        WriteBackAction(addTags: action.addTags, removeTags: action.removeTags, fields: action.fields, group: action.group,
                        assignee: action.assignee, priority: action.priority, note: note)
    }

    /// Placeholders of a plain-text template must be field names or the template names (`rule.reason`, …).
    private mutating func checkTextTemplate(_ source: String, node: Node, place: String) -> Bool {
        for name in WebhookTemplate(source).placeholders
        where !RuleContext.templateNames.contains(name) && RuleField(name: name) == nil {
            let known = RuleContext.templateNames.sorted()
            error(node, "\(place): unknown placeholder {{\(name)}}; use a field name or one of " + known.joined(separator: ", ")
                  + Self.didYouMean(name, in: known + RuleField.allNames))
            return false
        }
        return true
    }
}
