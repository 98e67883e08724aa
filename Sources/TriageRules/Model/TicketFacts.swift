import Foundation
import TriageModel

/// What rules know of a ticket besides its triage result: flat values a store row or an import can fill.
public struct TicketFacts: Sendable, Hashable, Codable {
    public var source: String
    public var externalID: String
    public var subject: String
    /// The customer-visible text rules search (`text` field).
    public var text: String
    public var channel: String?
    /// Stored lower-cased; ``requesterDomain`` follows it.
    public var requesterEmail: String? {
        didSet {
            requesterEmail = requesterEmail?.lowercased()
            requesterDomain = Participant(email: requesterEmail).domain
        }
    }
    /// The part of the requester's address after `@`; `nil` without one.
    public private(set) var requesterDomain: String?
    public var organization: String?
    public var tags: [String]
    public var status: String?
    public var createdAt: Date?
    public var messageCount: Int
    public var lastCustomerMessageAt: Date?
    public var firstAgentReplyAt: Date?
    public var lastAgentReplyAt: Date?
    public var customFields: [String: String]
    public var labelDepartment: String?
    public var labelPriority: String?

    public init(source: String, externalID: String, subject: String, text: String = "", channel: String? = nil,
                requesterEmail: String? = nil, organization: String? = nil, tags: [String] = [],
                status: String? = nil, createdAt: Date? = nil, messageCount: Int = 0,
                lastCustomerMessageAt: Date? = nil, firstAgentReplyAt: Date? = nil, lastAgentReplyAt: Date? = nil,
                customFields: [String: String] = [:], labelDepartment: String? = nil, labelPriority: String? = nil) {
        self.source = source
        self.externalID = externalID
        self.subject = subject
        self.text = text
        self.channel = channel
        self.requesterEmail = requesterEmail?.lowercased()
        self.requesterDomain = Participant(email: requesterEmail).domain
        self.organization = organization
        self.tags = tags
        self.status = status
        self.createdAt = createdAt
        self.messageCount = messageCount
        self.lastCustomerMessageAt = lastCustomerMessageAt
        self.firstAgentReplyAt = firstAgentReplyAt
        self.lastAgentReplyAt = lastAgentReplyAt
        self.customFields = customFields
        self.labelDepartment = labelDepartment
        self.labelPriority = labelPriority
    }
}
