import Foundation
import TriageModel
import Yams

extension RuleFileParser {
    /// `then:` is a list of one-key mappings (`- escalate: {...}`), or a single such mapping.
    mutating func parseActions(_ node: Node) -> [RuleAction] {
        if let items = node.sequence { return items.flatMap { parseActionMapping($0) } }
        if node.mapping != nil { return parseActionMapping(node) }
        error(node, "`then` takes a list of actions: - escalate: {team: ..., reason: ...}")
        return []
    }

    private mutating func parseActionMapping(_ node: Node) -> [RuleAction] {
        guard let mapping = node.mapping, !mapping.isEmpty else {
            error(node, "an action is a mapping like `set_priority: urgent`; actions: "
                  + RuleAction.allNames.joined(separator: ", "))
            return []
        }
        return mapping.compactMap { key, value in parseAction(key, value) }
    }

    private mutating func parseAction(_ key: Node, _ value: Node) -> RuleAction? {
        let name = key.string ?? ""
        switch name {
        case "escalate":
            guard let fields = value.mapping, let team = fields["team"].flatMap(scalarString), !team.isEmpty else {
                error(value, "`escalate` takes {team: NAME, reason: TEXT}")
                return nil
            }
            rejectUnknownKeys(fields, allowed: ["team", "reason"], action: name)
            return .escalate(team: team, reason: fields["reason"].flatMap(scalarString) ?? "")
        case "set_department":
            guard let department = scalarString(value), !department.isEmpty else {
                error(value, "`set_department` takes a department name")
                return nil
            }
            if let departments, !departments.contains(department) {
                warning(value, "'\(department)' is not a configured department (\(departments.joined(separator: ", ")))")
            }
            return .setDepartment(department)
        case "set_priority":
            guard let text = scalarString(value), let priority = Priority(rawValue: text.lowercased()) else {
                error(value, "`set_priority` takes urgent, high, normal or low")
                return nil
            }
            return .setPriority(priority)
        case "add_tags", "remove_tags":
            guard let tags = tagList(value), !tags.isEmpty else {
                error(value, "`\(name)` takes a tag or a list of tags")
                return nil
            }
            return name == "add_tags" ? .addTags(tags) : .removeTags(tags)
        case "needs_human":
            if let reason = value.mapping.flatMap({ $0["reason"] }).flatMap(scalarString) { return .needsHuman(reason: reason) }
            if value.scalar?.style == .plain, value.bool == true { return .needsHuman(reason: "") }
            if value.mapping == nil, value.bool == nil, let reason = scalarString(value) { return .needsHuman(reason: reason) }
            error(value, "`needs_human` takes {reason: TEXT}, a reason, or true")
            return nil
        case "notify":
            return parseNotify(value)
        case "write_back":
            return parseWriteBack(value)
        default:
            error(key, "unknown action '\(name)'" + NameSuggestion.hint(for: name, in: RuleAction.allNames))
            return nil
        }
    }

    private mutating func parseNotify(_ value: Node) -> RuleAction? {
        let url: String?
        var template = WebhookTarget.defaultTemplate
        var templateNode = value
        if let fields = value.mapping {
            rejectUnknownKeys(fields, allowed: ["url", "template"], action: "notify")
            url = fields["url"].flatMap(scalarString)
            if let node = fields["template"] {
                templateNode = node
                guard let text = scalarString(node) else {
                    error(node, "`template` is a JSON body as text (quote it or use a `|` block)")
                    return nil
                }
                template = text
            }
        } else {
            url = scalarString(value)
        }
        guard let url, url.hasPrefix("https://") || url.hasPrefix("http://") else {
            error(value, "`notify` needs {url: https://..., template: ...} with an http(s) URL")
            return nil
        }
        guard checkTemplate(template, node: templateNode) else { return nil }
        return .notify(WebhookTarget(url: url, template: template))
    }

    /// Unknown placeholders, and a body that is not JSON once placeholders are filled in, are errors.
    private mutating func checkTemplate(_ source: String, node: Node) -> Bool {
        let template = WebhookTemplate(source)
        for name in template.placeholders
        where !RuleContext.templateNames.contains(name) && RuleField(name: name) == nil {
            error(node, "unknown placeholder {{\(name)}}; use a field name or one of "
                  + RuleContext.templateNames.sorted().joined(separator: ", "))
            return false
        }
        let sample = template.render { _ in "x\"y" }
        guard (try? JSONSerialization.jsonObject(with: Data(sample.utf8), options: [.fragmentsAllowed])) != nil else {
            error(node, "the template is not valid JSON once filled in; put placeholders inside quotes: "
                  + #"{"text": "{{subject}}"}"#)
            return false
        }
        return true
    }

    mutating func rejectUnknownKeys(_ fields: Node.Mapping, allowed: [String], action: String) {
        for key in fields.keys where !allowed.contains(key.string ?? "") {
            error(key, "unknown key '\(key.string ?? "?")' in `\(action)`; expected \(allowed.joined(separator: ", "))")
        }
    }

    func tagList(_ node: Node) -> [String]? {
        if let items = node.sequence {
            let tags = items.compactMap(scalarString)
            return tags.count == items.count ? tags : nil
        }
        return scalarString(node).map { [$0] }
    }
}
