import Foundation

/// A fact a condition can test, named as in the rules file (`triage.priority`, `custom.plan`, `sla.first_response.breached`).
///
/// Ticket fields may be written with a `ticket.` prefix (`ticket.subject` is `subject`).
public enum RuleField: Sendable, Hashable {
    case source, channel, subject, text, requesterEmail, requesterDomain, organization, tags, status
    case createdAt, ageHours, messageCount, hoursSinceCustomerMessage
    case custom(String)
    case labelDepartment, labelPriority
    case triageDepartment, triagePriority, triageSentiment, triageLanguage, triageConfidence
    case triageNeedsHuman, triageBackend
    case sla(SLAClock, SLAFact)

    /// Which SLA clock a field reads.
    public enum SLAClock: String, Sendable, Hashable, CaseIterable {
        case firstResponse = "first_response"
        case nextResponse = "next_response"
    }

    /// Which fact of an SLA clock a field reads.
    public enum SLAFact: String, Sendable, Hashable, CaseIterable {
        case dueAt = "due_at"
        case breached
        case atRisk = "at_risk"
    }

    /// What kind of value a field holds; decides which operators and operands are valid.
    public enum Kind: String, Sendable, Hashable {
        case string, list, number, bool, date, priority
        /// Custom fields are exported as text; they compare as numbers, dates or booleans when the operand is one.
        case dynamic
    }

    static let fixedNames: [(String, RuleField)] = [
        ("source", .source), ("channel", .channel), ("subject", .subject), ("text", .text),
        ("requester.email", .requesterEmail), ("requester.domain", .requesterDomain),
        ("organization", .organization), ("tags", .tags), ("status", .status),
        ("created_at", .createdAt), ("age_hours", .ageHours), ("message_count", .messageCount),
        ("hours_since_customer_message", .hoursSinceCustomerMessage),
        ("label.department", .labelDepartment), ("label.priority", .labelPriority),
        ("triage.department", .triageDepartment), ("triage.priority", .triagePriority),
        ("triage.sentiment", .triageSentiment), ("triage.language", .triageLanguage),
        ("triage.confidence", .triageConfidence), ("triage.needs_human", .triageNeedsHuman),
        ("triage.backend", .triageBackend),
    ]

    /// Every field name a rules file may use (custom fields as `custom.<name>`).
    public static var allNames: [String] {
        fixedNames.map(\.0) + ["custom.<name>"]
            + SLAClock.allCases.flatMap { clock in SLAFact.allCases.map { "sla.\(clock.rawValue).\($0.rawValue)" } }
    }

    /// Reads a field name; `nil` when unknown.
    public init?(name: String) {
        var name = name
        if name.hasPrefix("ticket.") { name.removeFirst("ticket.".count) }
        if let match = RuleField.fixedNames.first(where: { $0.0 == name }) {
            self = match.1
        } else if name.hasPrefix("custom."), name.count > "custom.".count {
            self = .custom(String(name.dropFirst("custom.".count)))
        } else if name.hasPrefix("sla.") {
            let parts = name.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, let clock = SLAClock(rawValue: String(parts[1])),
                  let fact = SLAFact(rawValue: String(parts[2])) else { return nil }
            self = .sla(clock, fact)
        } else {
            return nil
        }
    }

    /// The name as a rules file writes it.
    public var name: String {
        switch self {
        case let .custom(key): "custom.\(key)"
        case let .sla(clock, fact): "sla.\(clock.rawValue).\(fact.rawValue)"
        default: RuleField.fixedNames.first { $0.1 == self }?.0 ?? "?"
        }
    }

    /// The kind of value the field holds.
    public var kind: Kind {
        switch self {
        case .tags: .list
        case .createdAt: .date
        case .ageHours, .messageCount, .hoursSinceCustomerMessage, .triageConfidence: .number
        case .labelPriority, .triagePriority: .priority
        case .triageNeedsHuman: .bool
        case .custom: .dynamic
        case let .sla(_, fact): fact == .dueAt ? .date : .bool
        default: .string
        }
    }

    /// The only values the field can take, when it is an enumeration (sentiment, backend).
    public var allowedValues: [String]? {
        switch self {
        case .triageSentiment: ["negative", "neutral", "positive"]
        case .triageBackend: ["local", "claude", "claude-batch"]
        default: nil
        }
    }
}
