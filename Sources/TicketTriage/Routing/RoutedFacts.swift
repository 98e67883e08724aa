import Foundation
import TriageModel
import TriageRules

/// The facts rules saw for one routed content version, as kept in `tickets.routed_facts`: what the next version's
/// `changed` conditions compare with.
///
/// Only what `changed` may read is kept: every rule field except those that move with the clock (`age_hours`,
/// `hours_since_customer_message`, `sla.*`, which the rules parser refuses for `changed`). The customer text is kept
/// as a digest (`RuleSubject.Version.textDigest`), not as a second copy. Identity (`source`, external id) cannot
/// change and is taken from the ticket. Dates are epoch seconds so that they read back bit for bit.
///
/// Written for every routed ticket, so ``json`` is hand-rolled (`JSONEncoder` costs microseconds a call on Linux);
/// read back only when a routed ticket has new content, through `JSONDecoder`.
struct RoutedFacts: Codable, Hashable {
    /// The shape's version; a snapshot with another is ignored (the ticket then counts as new for `changed`).
    static let currentVersion = 1

    struct Triage: Codable, Hashable {
        var department: String
        var priority: String
        var sentiment: String
        var language: String
        var confidence: Double
        var needsHuman: Bool
        var backend: String

        enum CodingKeys: String, CodingKey {
            case department, priority, sentiment, language, confidence, needsHuman = "needs_human", backend
        }
    }

    var version: Int
    var subject: String
    var textDigest: String
    var channel: String?
    var requesterEmail: String?
    var organization: String?
    var tags: [String]
    var status: String?
    var createdAt: Double?
    var messageCount: Int
    var customFields: [String: String]
    var labelDepartment: String?
    var labelPriority: String?
    var triage: Triage?

    enum CodingKeys: String, CodingKey {
        case version = "v", subject, textDigest = "text_digest", channel, requesterEmail = "requester_email"
        case organization, tags, status, createdAt = "created_at", messageCount = "message_count"
        case customFields = "custom_fields", labelDepartment = "label_department", labelPriority = "label_priority"
        case triage
    }

    /// The facts of a subject as rules receive them (before any rule changed them).
    init(_ subject: RuleSubject) {
        let t = subject.ticket
        version = Self.currentVersion
        self.subject = t.subject
        textDigest = RuleSubject.Version.digest(ofText: t.text)
        channel = t.channel
        requesterEmail = t.requesterEmail
        organization = t.organization
        tags = t.tags
        status = t.status
        createdAt = t.createdAt?.timeIntervalSince1970
        messageCount = t.messageCount
        customFields = t.customFields
        labelDepartment = t.labelDepartment
        labelPriority = t.labelPriority
        triage = subject.triage.map {
            Triage(department: $0.department, priority: $0.priority.rawValue, sentiment: $0.sentiment.rawValue,
                   language: $0.language, confidence: $0.confidence, needsHuman: $0.needsHuman,
                   backend: $0.backend.rawValue)
        }
    }

    /// Reads a stored snapshot; `nil` when it is not one this version understands.
    static func decode(_ json: String) -> RoutedFacts? {
        guard let facts = try? JSONDecoder().decode(RoutedFacts.self, from: Data(json.utf8)),
              facts.version == currentVersion else { return nil }
        return facts
    }

    /// The previous version for `RuleSubject.previous`. Triage fields rules cannot read (summary, model, prompt
    /// version) are empty.
    func previousVersion(source: String, externalID: String) -> RuleSubject.Version {
        let facts = TicketFacts(
            source: source, externalID: externalID, subject: subject, text: "", channel: channel,
            requesterEmail: requesterEmail, organization: organization, tags: tags, status: status,
            createdAt: createdAt.map(Date.init(timeIntervalSince1970:)), messageCount: messageCount,
            customFields: customFields, labelDepartment: labelDepartment, labelPriority: labelPriority)
        let result = triage.map {
            TriageResult(department: $0.department, priority: Priority(rawValue: $0.priority) ?? .normal,
                         sentiment: Sentiment(rawValue: $0.sentiment) ?? .neutral, language: $0.language,
                         confidence: $0.confidence, summary: "", needsHuman: $0.needsHuman,
                         backend: TriageBackend(rawValue: $0.backend) ?? .local, model: "", promptVersion: "")
        }
        return RuleSubject.Version(ticket: facts, triage: result, textDigest: textDigest)
    }

    // MARK: - Writing

    /// Compact JSON with a fixed key order; `null`s are left out.
    var json: String {
        var out = RoutingJSON(capacity: 512)
        out.raw("{\"v\":\(version),\"subject\":")
        out.quote(subject)
        out.raw(",\"text_digest\":")
        out.quote(textDigest)
        Self.field("channel", channel, into: &out)
        Self.field("requester_email", requesterEmail, into: &out)
        Self.field("organization", organization, into: &out)
        out.raw(",\"tags\":")
        out.array(tags)
        Self.field("status", status, into: &out)
        if let createdAt { out.raw(",\"created_at\":" + Self.number(createdAt)) }
        out.raw(",\"message_count\":\(messageCount),\"custom_fields\":{")
        for (i, key) in customFields.keys.sorted().enumerated() {
            if i > 0 { out.raw(",") }
            out.quote(key)
            out.raw(":")
            out.quote(customFields[key]!)
        }
        out.raw("}")
        Self.field("label_department", labelDepartment, into: &out)
        Self.field("label_priority", labelPriority, into: &out)
        if let triage {
            out.raw(",\"triage\":{\"department\":")
            out.quote(triage.department)
            out.raw(",\"priority\":")
            out.quote(triage.priority)
            out.raw(",\"sentiment\":")
            out.quote(triage.sentiment)
            out.raw(",\"language\":")
            out.quote(triage.language)
            out.raw(",\"confidence\":" + Self.number(triage.confidence))
            out.raw(",\"needs_human\":" + (triage.needsHuman ? "true" : "false"))
            out.raw(",\"backend\":")
            out.quote(triage.backend)
            out.raw("}")
        }
        out.raw("}")
        return out.text
    }

    private static func field(_ key: String, _ value: String?, into out: inout RoutingJSON) {
        guard let value else { return }
        out.raw(",\"\(key)\":")
        out.quote(value)
    }

    /// Swift's shortest round-tripping form (valid JSON for finite values).
    private static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "0"
    }
}
