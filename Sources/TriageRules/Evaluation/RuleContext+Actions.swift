import TriageModel

extension RuleContext {
    /// Runs a fired rule's actions in order, changing the context and collecting what they produce.
    ///
    /// With `firingKey == nil` (a rule that fired for this content version before) only the changes to the ticket
    /// are re-applied, so later rules see the same state as on the first run; nothing is escalated or notified.
    /// `matched` (the deciding tests) is what `{{rule.reason}}` shows.
    mutating func perform(_ rule: Rule, firingKey: String?, matched: [String] = [], into outcome: inout RoutingOutcome) {
        for (index, action) in rule.actions.enumerated() {
            switch action {
            case let .escalate(team, reason):
                guard firingKey != nil else { continue }
                outcome.escalations.append(Escalation(team: team, reason: reason, ruleID: rule.id))
            case let .setDepartment(name):
                department = name
            case let .setPriority(newPriority):
                priority = newPriority
            case let .addTags(added):
                for tag in added where !tags.contains(where: { $0.lowercased() == tag.lowercased() }) {
                    tags.append(tag)
                }
            case let .removeTags(removed):
                let folded = Set(removed.map { $0.lowercased() })
                tags.removeAll { folded.contains($0.lowercased()) }
            case let .needsHuman(reason):
                needsHuman = true
                needsHumanReason = reason
            case let .notify(target):
                guard let firingKey else { continue }
                let body = target.compiled.render { placeholder in
                    self.placeholderValue(placeholder, rule: rule, matched: matched)
                }
                let key = RoutingKeys.notification(firingKey: firingKey, actionIndex: index)
                outcome.notifications.append(
                    WebhookNotification(ruleID: rule.id, url: target.url, body: body, idempotencyKey: key))
            case let .writeBack(action):
                guard let firingKey else { continue }
                let key = RoutingKeys.writeBack(firingKey: firingKey, actionIndex: index)
                outcome.writeBacks.append(write(action, rule: rule, matched: matched, key: key))
            }
        }
    }

    /// The net changes against the subject as it came in.
    var changes: RoutingChanges {
        let original = subject.ticket.tags
        return RoutingChanges(
            department: department != subject.triage?.department ? department : nil,
            priority: priority != subject.triage?.priority ? priority : nil,
            addedTags: tags.filter { !original.contains($0) },
            removedTags: original.filter { !tags.contains($0) },
            needsHumanReason: needsHumanReason)
    }

    /// A template placeholder's text: `rule.id`, `rule.description`, `ticket.id`, `ticket.source`,
    /// `content_hash`, `now`, or any rule field (with the current, changed values); `nil` when unknown or missing.
    func placeholderValue(_ name: String, rule: Rule, matched: [String] = []) -> String? {
        switch name {
        case "rule.reason": return matched.isEmpty ? "it has no condition" : matched.joined(separator: "; ")
        case "triage.summary": return subject.triage?.summary
        case "rule.id": return rule.id
        case "rule.description": return rule.description
        case "ticket.id": return subject.ticket.externalID
        case "ticket.source": return subject.ticket.source
        case "content_hash": return subject.contentHash
        case "now": return RuleValue.date(subject.now).plainText
        default:
            guard let field = RuleField(name: name) else { return nil }
            var copy = self
            return copy.value(of: field)?.plainText
        }
    }

    /// Placeholders a template may use besides field names.
    static let templateNames: Set<String> = ["rule.id", "rule.description", "rule.reason", "ticket.id", "ticket.source",
                                             "content_hash", "now", "triage.summary"]

    /// A `write_back` rendered with the current (changed) values.
    private func write(_ action: WriteBackAction, rule: Rule, matched: [String], key: String) -> HelpdeskWrite {
        let value = { (name: String) in self.placeholderValue(name, rule: rule, matched: matched) }
        let priority: String? = switch action.priority {
        case let .fixed(p)?: p.rawValue
        case .routed?: self.priority?.rawValue
        case nil: nil
        }
        var fields: [String: String] = [:]
        for field in action.fields { fields[field.id] = field.template.renderText(value) }
        return HelpdeskWrite(ruleID: rule.id, source: subject.ticket.source, externalID: subject.ticket.externalID,
                             addTags: action.addTags, removeTags: action.removeTags, priority: priority,
                             groupID: action.group, assigneeID: action.assignee, customFields: fields,
                             internalNote: action.noteTemplate?.renderText(value), idempotencyKey: key)
    }
}
