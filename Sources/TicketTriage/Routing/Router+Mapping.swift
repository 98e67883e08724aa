import Foundation
import TriageModel
import TriageRules
import TriageStore

extension Router {
    /// The rule engine's view of a stored ticket.
    ///
    /// `previous` is the version rules last ran on, read from the facts stored when it was routed
    /// (`routed_facts`); `nil` for a ticket never routed, so `changed` does not hold for it.
    public static func subject(for candidate: RoutingCandidate, now: Date) -> RuleSubject {
        let t = candidate.ticket
        let facts = TicketFacts(
            source: t.source, externalID: t.externalID, subject: t.subject, text: candidate.text, channel: t.channel,
            requesterEmail: t.requester?.email, organization: t.organization, tags: t.tags, status: t.status,
            createdAt: t.createdAt, messageCount: t.messageCount, lastCustomerMessageAt: t.lastCustomerMessageAt,
            firstAgentReplyAt: t.firstAgentReplyAt, lastAgentReplyAt: candidate.lastAgentReplyAt,
            customFields: t.customFields, labelDepartment: t.labelDepartment, labelPriority: t.labelPriority)
        let previous = candidate.routedFacts?.previousVersion(source: t.source, externalID: t.externalID)
        return RuleSubject(ticket: facts, triage: t.triage?.result, previous: previous, contentHash: t.contentHash,
                           now: now)
    }

    /// The store's record of an outcome: firings with their escalations and notifications, the net changes, and
    /// the facts rules saw (`subject`, kept for the next version's `changed`).
    ///
    /// `actionsJSON` maps rule ids to their actions' JSON (a firing's actions are its rule's); rules missing from it
    /// are encoded here.
    public static func record(for candidate: RoutingCandidate, subject: RuleSubject, outcome: RoutingOutcome,
                              actionsJSON: [String: String] = [:]) -> RoutingRecord {
        let firings = outcome.firings.map { firing in
            RoutingRecord.Firing(
                ruleID: firing.ruleID, matched: firing.matchedConditions,
                actionsJSON: actionsJSON[firing.ruleID] ?? json(firing.actions) ?? "[]",
                escalations: outcome.escalations.filter { $0.ruleID == firing.ruleID }
                    .map { RoutingRecord.Escalation(team: $0.team, reason: $0.reason) },
                notifications: outcome.notifications.filter { $0.ruleID == firing.ruleID }
                    .map { RoutingRecord.Notification(url: $0.url, body: $0.body, idempotencyKey: $0.idempotencyKey) }
                    + outcome.writeBacks.filter { $0.ruleID == firing.ruleID }.compactMap(HelpdeskTarget.outboxRow))
        }
        return RoutingRecord(ticketID: candidate.ticket.id, contentHash: candidate.ticket.contentHash, firings: firings,
                             overrides: outcome.changes.isEmpty ? nil : RoutingOverrides(outcome.changes),
                             facts: RoutedFacts(subject))
    }

    /// Each rule's actions as JSON, encoded once per router.
    static func actionsJSON(of rules: RuleSet) -> [String: String] {
        var map: [String: String] = [:]
        for rule in rules.rules { map[rule.id] = json(rule.actions) ?? "[]" }
        return map
    }

    static func json(_ value: some Encodable) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) }
    }
}

extension RoutingOverrides {
    /// The store's record of a rule outcome's net changes.
    init(_ c: RoutingChanges) {
        self.init(department: c.department, priority: c.priority, addedTags: c.addedTags, removedTags: c.removedTags,
                  needsHumanReason: c.needsHumanReason)
    }
}

extension RoutingReport {
    init(dryRun: Bool) {
        self.init()
        self.dryRun = dryRun
    }

    /// Counts one ticket's firings (and, in a dry run, what would be written).
    mutating func tally(candidate: RoutingCandidate, outcome: RoutingOutcome) {
        for firing in outcome.firings {
            firingsByRule[firing.ruleID, default: 0] += 1
            if sample.count < Self.sampleSize {
                sample.append(Line(ticket: "\(candidate.ticket.source):\(candidate.ticket.externalID)", rule: firing.ruleID,
                                   matched: firing.matchedConditions))
            }
        }
        if dryRun {
            written.firings += outcome.firings.count
            written.escalations += outcome.escalations.count
            written.notifications += outcome.notifications.count
            written.writeBacks += outcome.writeBacks.filter { HelpdeskTarget.vendor(forSource: $0.source) != nil }.count
        }
    }

    /// Adds a later part's tally (tickets after this one's): sums, and the sample continued in order.
    mutating func merge(_ later: RoutingReport) {
        tickets += later.tickets
        for (rule, count) in later.firingsByRule { firingsByRule[rule, default: 0] += count }
        sample += later.sample.prefix(max(0, Self.sampleSize - sample.count))
        written.tickets += later.written.tickets
        written.firings += later.written.firings
        written.escalations += later.written.escalations
        written.notifications += later.written.notifications
        written.writeBacks += later.written.writeBacks
    }

    static let sampleSize = 50
}
