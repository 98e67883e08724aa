import Foundation
import TriageModel

/// A ticket as the store holds it, for display, export and the later stages.
public struct StoredTicket: Sendable, Hashable, Codable {
    public var id: Int64
    public var source: String
    public var externalID: String
    public var subject: String
    public var status: String?
    public var channel: String?
    public var requester: Participant?
    public var organization: String?
    public var assigneeEmail: String?
    public var tags: [String]
    public var customFields: [String: String]
    public var labelDepartment: String?
    public var labelPriority: String?
    public var createdAt: Date?
    public var updatedAt: Date?
    public var importedAt: Date
    public var contentHash: String
    /// True when the current content has no triage result yet.
    public var needsTriage: Bool
    public var messageCount: Int
    public var lastCustomerMessageAt: Date?
    public var firstAgentReplyAt: Date?
    /// Filled by detailed reads (`ticket(id:)`, `export`), empty in lists.
    public var messages: [StoredMessage]
    /// The result for the current content version, when triaged.
    public var triage: StoredTriageResult?
}

/// A message as stored.
public struct StoredMessage: Sendable, Hashable, Codable {
    public var externalID: String
    public var position: Int
    public var author: Participant?
    public var role: MessageRole
    public var isPublic: Bool
    public var sentAt: Date?
    public var text: String
    public var html: String?
    public var trimmedText: String?
    public var attachments: [AttachmentInfo]
}

/// A stored triage result with when and how it was made.
public struct StoredTriageResult: Sendable, Hashable, Codable {
    public var result: TriageResult
    public var contentHash: String
    public var createdAt: Date
}

/// Filters for `TicketStore.tickets(matching:)`.
public struct TicketFilter: Sendable, Hashable {
    public var source: String?
    public var status: String?
    /// Matches the department set by a routing rule, else the triaged department, else the human label.
    public var department: String?
    public var pendingOnly: Bool
    public var createdSince: Date?
    public var limit: Int
    public var offset: Int

    public init(source: String? = nil, status: String? = nil, department: String? = nil, pendingOnly: Bool = false,
                createdSince: Date? = nil, limit: Int = 50, offset: Int = 0) {
        self.source = source
        self.status = status
        self.department = department
        self.pendingOnly = pendingOnly
        self.createdSince = createdSince
        self.limit = limit
        self.offset = offset
    }
}

/// A full-text search hit.
public struct SearchHit: Sendable, Hashable, Codable {
    public var ticket: StoredTicket
    /// A short excerpt with the matches in [brackets].
    public var snippet: String
}

/// Counts for `triage stats`.
public struct StoreStatistics: Sendable, Hashable, Codable {
    public var tickets: Int
    public var messages: Int
    public var attachments: Int
    public var pendingTriage: Int
    public var triaged: Int
    public var bySource: [String: Int]
    public var byLabelDepartment: [String: Int]
    public var byTriageDepartment: [String: Int]
    public var importRuns: Int
    public var importFailures: Int
    public var llmCalls: Int
    public var llmCostUSD: Double
}
