import Foundation

/// Who wrote a message, as seen from the support team.
public enum MessageRole: String, Codable, Sendable, CaseIterable {
    /// The customer (requester or anyone outside the team).
    case customer
    /// A member of the support team.
    case agent
    /// An automated message (notifications, bounces, workflow notes).
    case system
}

/// A person named in an export: requester, author, assignee.
public struct Participant: Codable, Sendable, Hashable {
    public var name: String?
    public var email: String?

    public init(name: String? = nil, email: String? = nil) {
        self.name = name
        self.email = email?.lowercased()
    }

    /// The part of the e-mail address after `@`, lower-cased; `nil` without an address.
    public var domain: String? {
        guard let email, let at = email.lastIndex(of: "@") else { return nil }
        let domain = email[email.index(after: at)...]
        return domain.isEmpty ? nil : String(domain)
    }
}

/// What is known of an attachment. The bytes are kept only when configured.
public struct AttachmentInfo: Codable, Sendable, Hashable {
    public var filename: String?
    public var contentType: String?
    /// Decoded size in bytes.
    public var size: Int64?
    /// Hex digest of the decoded bytes (SHA-256) when the importer could compute it.
    public var contentHash: String?
    /// The decoded bytes, only when the import is configured to keep them.
    public var data: Data?

    public init(filename: String? = nil, contentType: String? = nil, size: Int64? = nil,
                contentHash: String? = nil, data: Data? = nil) {
        self.filename = filename
        self.contentType = contentType
        self.size = size
        self.contentHash = contentHash
        self.data = data
    }
}

/// One message of a ticket as an importer read it.
public struct ImportedMessage: Codable, Sendable, Hashable {
    /// The id the source gives the message (comment id, Message-ID); used to recognise it on re-import.
    /// When `nil`, the store derives one from author, time and text.
    public var externalID: String?
    public var author: Participant?
    public var role: MessageRole
    /// `false` for internal notes that the customer never saw.
    public var isPublic: Bool
    public var sentAt: Date?
    /// The full plain-text body (HTML already converted).
    public var text: String
    /// The original HTML body, when there was one.
    public var html: String?
    /// The part of `text` worth classifying (quoted replies and signatures removed); `nil` when nothing was trimmed.
    public var trimmedText: String?
    public var attachments: [AttachmentInfo]

    public init(externalID: String? = nil, author: Participant? = nil, role: MessageRole = .customer,
                isPublic: Bool = true, sentAt: Date? = nil, text: String, html: String? = nil,
                trimmedText: String? = nil, attachments: [AttachmentInfo] = []) {
        self.externalID = externalID
        self.author = author
        self.role = role
        self.isPublic = isPublic
        self.sentAt = sentAt
        self.text = text
        self.html = html
        self.trimmedText = trimmedText
        self.attachments = attachments
    }

    /// The text a classifier should read: the trimmed text when there is one.
    public var classifiableText: String { trimmedText ?? text }
}

/// Hints that let the store attach a message to a ticket imported earlier (e-mail threading).
public struct ThreadHints: Codable, Sendable, Hashable {
    /// External ids of messages this one answers (In-Reply-To first, then References, newest first).
    public var references: [String]
    /// A normalized subject plus participants key, matched within a time window when no reference matches.
    public var subjectKey: String?

    public init(references: [String] = [], subjectKey: String? = nil) {
        self.references = references
        self.subjectKey = subjectKey
    }
}

/// A ticket as an importer read it from an export: plain values, nothing stored yet.
///
/// A ticket is identified by `(source, externalID)`. Importing the same ticket again updates it and
/// appends messages the store has not seen.
public struct ImportedTicket: Codable, Sendable, Hashable {
    public var source: String
    public var externalID: String
    public var subject: String
    /// Help-desk status as exported (`open`, `pending`, `solved`, …), lower-cased.
    public var status: String?
    /// Where the ticket came in (`email`, `web`, `phone`, `chat`, `api`, …).
    public var channel: String?
    public var requester: Participant?
    public var organization: String?
    public var assignee: Participant?
    public var tags: [String]
    public var createdAt: Date?
    public var updatedAt: Date?
    /// The department a human gave the ticket in the help desk (group, queue, mapped field): ground truth.
    public var labelDepartment: String?
    /// The priority a human gave the ticket in the help desk.
    public var labelPriority: String?
    /// Any other exported fields worth keeping, by name.
    public var customFields: [String: String]
    public var messages: [ImportedMessage]
    public var threadHints: ThreadHints?

    public init(source: String, externalID: String, subject: String, status: String? = nil,
                channel: String? = nil, requester: Participant? = nil, organization: String? = nil,
                assignee: Participant? = nil, tags: [String] = [], createdAt: Date? = nil,
                updatedAt: Date? = nil, labelDepartment: String? = nil, labelPriority: String? = nil,
                customFields: [String: String] = [:], messages: [ImportedMessage] = [],
                threadHints: ThreadHints? = nil) {
        self.source = source
        self.externalID = externalID
        self.subject = subject
        self.status = status
        self.channel = channel
        self.requester = requester
        self.organization = organization
        self.assignee = assignee
        self.tags = tags
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.labelDepartment = labelDepartment
        self.labelPriority = labelPriority
        self.customFields = customFields
        self.messages = messages
        self.threadHints = threadHints
    }
}
