import Foundation
import TriageModel

extension TicketFacts {
    /// Facts of an imported ticket, derived by ``TicketMessageFacts`` and ``ImportedTicket/effectiveCreatedAt``:
    /// the values the store keeps for it and routing reads back.
    public init(_ ticket: ImportedTicket) {
        let derived = ticket.messageFacts
        self.init(
            source: ticket.source, externalID: ticket.externalID, subject: ticket.subject, text: derived.text,
            channel: ticket.channel, requesterEmail: ticket.requester?.email, organization: ticket.organization,
            tags: ticket.tags, status: ticket.status, createdAt: ticket.effectiveCreatedAt,
            messageCount: derived.messageCount, lastCustomerMessageAt: derived.lastCustomerMessageAt,
            firstAgentReplyAt: derived.firstAgentReplyAt, lastAgentReplyAt: derived.lastAgentReplyAt,
            customFields: ticket.customFields, labelDepartment: ticket.labelDepartment,
            labelPriority: ticket.labelPriority)
    }
}
