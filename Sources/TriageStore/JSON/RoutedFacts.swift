import Foundation

/// The facts rules saw for one routed content version: the `tickets.routed_facts` column, which this type owns
/// (written with `routed_hash` by ``TicketStore/recordRouting(_:at:)``), read back as what the next version's
/// `changed` conditions compare with. `TicketTriage` maps rule subjects to and from it.
///
/// Only what `changed` may read is kept: every rule field except those that move with the clock (`age_hours`,
/// `hours_since_customer_message`, `sla.*`, which the rules parser refuses for `changed`). The customer text is kept
/// as a digest, not as a second copy. Identity (`source`, external id) cannot change and is taken from the ticket.
/// Dates are epoch seconds so that they read back bit for bit.
///
/// Written for every routed ticket, so ``json`` is hand-rolled (`JSONEncoder` costs microseconds a call on Linux);
/// read back only when a routed ticket has new content, through `JSONDecoder`.
public struct RoutedFacts: Sendable, Codable, Hashable {
    /// The shape's version; a snapshot with another is ignored (the ticket then counts as new for `changed`).
    public static let currentVersion = 1

    public struct Triage: Sendable, Codable, Hashable {
        public var department: String
        public var priority: String
        public var sentiment: String
        public var language: String
        public var confidence: Double
        public var needsHuman: Bool
        public var backend: String

        enum CodingKeys: String, CodingKey {
            case department, priority, sentiment, language, confidence, needsHuman = "needs_human", backend
        }

        public init(department: String, priority: String, sentiment: String, language: String, confidence: Double,
                    needsHuman: Bool, backend: String) {
            self.department = department
            self.priority = priority
            self.sentiment = sentiment
            self.language = language
            self.confidence = confidence
            self.needsHuman = needsHuman
            self.backend = backend
        }
    }

    public var version: Int
    public var subject: String
    public var textDigest: String
    public var channel: String?
    public var requesterEmail: String?
    public var organization: String?
    public var tags: [String]
    public var status: String?
    public var createdAt: Double?
    public var messageCount: Int
    public var customFields: [String: String]
    public var labelDepartment: String?
    public var labelPriority: String?
    public var triage: Triage?

    enum CodingKeys: String, CodingKey {
        case version = "v", subject, textDigest = "text_digest", channel, requesterEmail = "requester_email"
        case organization, tags, status, createdAt = "created_at", messageCount = "message_count"
        case customFields = "custom_fields", labelDepartment = "label_department", labelPriority = "label_priority"
        case triage
    }

    public init(subject: String, textDigest: String, channel: String?, requesterEmail: String?, organization: String?,
                tags: [String], status: String?, createdAt: Double?, messageCount: Int, customFields: [String: String],
                labelDepartment: String?, labelPriority: String?, triage: Triage?) {
        version = Self.currentVersion
        self.subject = subject
        self.textDigest = textDigest
        self.channel = channel
        self.requesterEmail = requesterEmail
        self.organization = organization
        self.tags = tags
        self.status = status
        self.createdAt = createdAt
        self.messageCount = messageCount
        self.customFields = customFields
        self.labelDepartment = labelDepartment
        self.labelPriority = labelPriority
        self.triage = triage
    }

    /// Reads a stored snapshot; `nil` when it is not one this version understands.
    public static func decode(_ json: String) -> RoutedFacts? {
        guard let facts = try? JSONDecoder().decode(RoutedFacts.self, from: Data(json.utf8)),
              facts.version == currentVersion else { return nil }
        return facts
    }

    // MARK: - Writing

    /// The column's text: compact JSON with a fixed key order; `null`s are left out.
    public var json: String {
        var out = JSONWriter(capacity: 512)
        out.raw("{\"v\":\(version),\"subject\":")
        out.quote(subject)
        out.raw(",\"text_digest\":")
        out.quote(textDigest)
        out.field("channel", channel)
        out.field("requester_email", requesterEmail)
        out.field("organization", organization)
        out.raw(",\"tags\":")
        out.array(tags)
        out.field("status", status)
        if let createdAt { out.raw(",\"created_at\":" + JSONWriter.number(createdAt)) }
        out.raw(",\"message_count\":\(messageCount),\"custom_fields\":")
        out.object(customFields)
        out.field("label_department", labelDepartment)
        out.field("label_priority", labelPriority)
        if let triage {
            out.raw(",\"triage\":{\"department\":")
            out.quote(triage.department)
            out.raw(",\"priority\":")
            out.quote(triage.priority)
            out.raw(",\"sentiment\":")
            out.quote(triage.sentiment)
            out.raw(",\"language\":")
            out.quote(triage.language)
            out.raw(",\"confidence\":" + JSONWriter.number(triage.confidence))
            out.raw(",\"needs_human\":" + (triage.needsHuman ? "true" : "false"))
            out.raw(",\"backend\":")
            out.quote(triage.backend)
            out.raw("}")
        }
        out.raw("}")
        return out.text
    }
}
