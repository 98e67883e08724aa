import Foundation
import TriageModel

/// The state of one ticket's evaluation: the subject plus the changes earlier rules made.
///
/// Fields that actions change (`triage.department`, `triage.priority`, `tags`, `triage.needs_human`, and the
/// `sla.*` fields, which depend on the priority) read the changed values, so later rules see earlier rules' work.
struct RuleContext {
    let subject: RuleSubject
    let sla: SLAPolicy?
    var department: String?
    var priority: Priority?
    var tags: [String]
    var needsHuman: Bool?
    var needsHumanReason: String?
    private var foldedText: String?
    private var foldedSubject: String?
    private var slaCache: (priority: Priority, status: SLAStatus)?

    init(subject: RuleSubject, sla: SLAPolicy?) {
        self.subject = subject
        self.sla = sla
        department = subject.triage?.department
        priority = subject.triage?.priority
        tags = subject.ticket.tags
        needsHuman = subject.triage?.needsHuman
    }

    /// The priority SLA targets use: the (changed) triage priority, else the human label, else normal.
    var slaPriority: Priority {
        priority ?? subject.ticket.labelPriority.flatMap(Priority.init(exported:)) ?? .normal
    }

    /// The current value of `field`; `nil` when missing.
    mutating func value(of field: RuleField) -> RuleValue? {
        switch field {
        case .tags: return .list(tags)
        case .triageDepartment: return department.map(RuleValue.string)
        case .triagePriority: return priority.map(RuleValue.priority)
        case .triageNeedsHuman: return needsHuman.map(RuleValue.bool)
        case let .sla(clock, fact):
            guard let clockStatus = slaStatus()?[clock] else { return nil }
            switch fact {
            case .dueAt: return .date(clockStatus.dueAt)
            case .breached: return .bool(clockStatus.breached)
            case .atRisk: return .bool(clockStatus.atRisk)
            }
        default: return RuleContext.storedValue(of: field, ticket: subject.ticket, triage: subject.triage,
                                                now: subject.now)
        }
    }

    /// The value lower-cased for case-insensitive operators; long texts are folded once per ticket.
    mutating func foldedValue(of field: RuleField, raw: RuleValue) -> RuleValue {
        switch field {
        case .text:
            if foldedText == nil { foldedText = subject.ticket.text.lowercased() }
            return .string(foldedText!)
        case .subject:
            if foldedSubject == nil { foldedSubject = subject.ticket.subject.lowercased() }
            return .string(foldedSubject!)
        default:
            return raw.folded
        }
    }

    /// The value of `field` in the previous version (for `changed`); only fields that do not depend on `now`.
    func previousValue(of field: RuleField) -> RuleValue? {
        guard let previous = subject.previous else { return nil }
        if field == .text, let digest = previous.textDigest {
            // Only a digest of the earlier text was kept: equal digests mean the same text.
            let current = subject.ticket.text
            return .string(RuleSubject.Version.digest(ofText: current) == digest ? current : "(earlier text, digest \(digest))")
        }
        return RuleContext.storedValue(of: field, ticket: previous.ticket, triage: previous.triage, now: subject.now)
    }

    private mutating func slaStatus() -> SLAStatus? {
        guard let sla else { return nil }
        let priority = slaPriority
        if let slaCache, slaCache.priority == priority { return slaCache.status }
        let status = sla.status(for: subject.ticket, priority: priority, now: subject.now)
        slaCache = (priority, status)
        return status
    }

    /// Values read straight from facts, before any rule changed them.
    static func storedValue(of field: RuleField, ticket: TicketFacts, triage: TriageResult?, now: Date) -> RuleValue? {
        switch field {
        case .source: .string(ticket.source)
        case .channel: ticket.channel.map(RuleValue.string)
        case .subject: .string(ticket.subject)
        case .text: .string(ticket.text)
        case .requesterEmail: ticket.requesterEmail.map(RuleValue.string)
        case .requesterDomain: ticket.requesterDomain.map(RuleValue.string)
        case .organization: ticket.organization.map(RuleValue.string)
        case .tags: .list(ticket.tags)
        case .status: ticket.status.map(RuleValue.string)
        case .createdAt: ticket.createdAt.map(RuleValue.date)
        case .ageHours: ticket.createdAt.map { .number(now.timeIntervalSince($0) / 3600) }
        case .messageCount: .number(Double(ticket.messageCount))
        case .hoursSinceCustomerMessage: ticket.lastCustomerMessageAt.map { .number(now.timeIntervalSince($0) / 3600) }
        case let .custom(name): ticket.customFields[name].map(RuleValue.string)
        case .labelDepartment: ticket.labelDepartment.map(RuleValue.string)
        case .labelPriority: ticket.labelPriority.flatMap(Priority.init(exported:)).map(RuleValue.priority)
        case .triageDepartment: triage.map { .string($0.department) }
        case .triagePriority: triage.map { .priority($0.priority) }
        case .triageSentiment: triage.map { .string($0.sentiment.rawValue) }
        case .triageLanguage: triage.map { .string($0.language) }
        case .triageConfidence: triage.map { .number($0.confidence) }
        case .triageNeedsHuman: triage.map { .bool($0.needsHuman) }
        case .triageBackend: triage.map { .string($0.backend.rawValue) }
        case .sla: nil
        }
    }
}

extension RuleValue {
    /// Strings and list elements lower-cased; other values unchanged.
    var folded: RuleValue {
        switch self {
        case let .string(value): .string(value.lowercased())
        case let .list(values): .list(values.map { $0.lowercased() })
        default: self
        }
    }
}
