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
        self.ticket = ticket
        recordHash = ticket.recordHash
        contentHash = ticket.contentHash
        tagsJSON = JSONWriter.array(ticket.tags)
        customFieldsJSON = JSONWriter.object(ticket.customFields)
        createdAt = ticket.effectiveCreatedAt.map(SQLDate.string)
        updatedAt = (ticket.updatedAt ?? ticket.createdAt).map(SQLDate.string)
        let facts = TicketMessageFacts(ticket.messages, collectingText: false)
        lastCustomerMessageAt = facts.lastCustomerMessageAt.map(SQLDate.string)
        firstAgentReplyAt = facts.firstAgentReplyAt.map(SQLDate.string)
        lastAgentReplyAt = facts.lastAgentReplyAt.map(SQLDate.string)
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
