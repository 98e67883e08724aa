import Foundation
import TriageModel

/// An imported ticket with every value the store writes computed up front: digests, dates and JSON as text, the
/// text the search index reads.
///
/// Preparing is pure and independent per ticket, so the import does it on its reading thread; the one writer
/// thread (SQLite has a single writer) then only binds and steps. `TicketStore.upsert` takes either form.
public struct PreparedTicket: Sendable {
    public let ticket: ImportedTicket
    let recordHash: String
    let contentHash: String
    let tagsJSON: String
    let customFieldsJSON: String
    let createdAt: String?
    /// `updatedAt`, else `createdAt`.
    let updatedAt: String?
    let lastCustomerMessageAt: String?
    let firstAgentReplyAt: String?
    let lastAgentReplyAt: String?
    let messages: [PreparedMessage]
    /// The messages' text joined by a blank line, as `ticket_search_text` joins it.
    let searchBody: String
    /// Roughly what the ticket holds in memory: its text, HTML and attachment bytes (for bounding import buffers).
    public let approximateBytes: Int

    public init(_ ticket: ImportedTicket) {
        self.init(ticket, recordHash: ticket.recordHash)
    }

    /// Prepares a ticket whose record digest is known (`TicketStore.storedRecordCheck` computed it).
    public init(_ ticket: ImportedTicket, recordHash: String) {
        self.ticket = ticket
        self.recordHash = recordHash
        contentHash = ticket.contentHash
        tagsJSON = JSONText.array(ticket.tags)
        customFieldsJSON = JSONText.object(ticket.customFields)
        createdAt = ticket.createdAt.map(SQLDate.string)
        updatedAt = (ticket.updatedAt ?? ticket.createdAt).map(SQLDate.string)
        var lastCustomer: Date?
        var firstAgent: Date?
        var lastAgent: Date?
        for message in ticket.messages {
            guard let sent = message.sentAt else { continue }
            if message.role == .customer { lastCustomer = max(lastCustomer ?? sent, sent) }
            if message.role == .agent, message.isPublic {
                firstAgent = min(firstAgent ?? sent, sent)
                lastAgent = max(lastAgent ?? sent, sent)
            }
        }
        lastCustomerMessageAt = lastCustomer.map(SQLDate.string)
        firstAgentReplyAt = firstAgent.map(SQLDate.string)
        lastAgentReplyAt = lastAgent.map(SQLDate.string)
        messages = ticket.messages.map(PreparedMessage.init)
        searchBody = ticket.messages.map(\.text).joined(separator: "\n\n")
        var bytes = 512 + ticket.subject.utf8.count + searchBody.utf8.count
        for message in ticket.messages {
            bytes += 256 + message.text.utf8.count + (message.html?.utf8.count ?? 0) + (message.trimmedText?.utf8.count ?? 0)
            for attachment in message.attachments { bytes += 128 + (attachment.data?.count ?? 0) }
        }
        approximateBytes = bytes
    }
}

/// A message with its derived id and date text computed.
struct PreparedMessage: Sendable {
    let message: ImportedMessage
    let id: String
    let sentAt: String?

    init(_ message: ImportedMessage) {
        self.message = message
        id = message.derivedID
        sentAt = message.sentAt.map(SQLDate.string)
    }
}
