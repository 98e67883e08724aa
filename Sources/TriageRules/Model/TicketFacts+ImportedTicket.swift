import Foundation
import TriageModel

extension TicketFacts {
    /// Facts of an imported ticket: `text` joins the public customer messages (trimmed text), oldest first.
    public init(_ ticket: ImportedTicket) {
        let customer = ticket.messages.filter { $0.role == .customer && $0.isPublic }
        let agent = ticket.messages.filter { $0.role == .agent && $0.isPublic }
        let agentTimes = agent.compactMap(\.sentAt)
        self.init(
            source: ticket.source, externalID: ticket.externalID, subject: ticket.subject,
            text: customer.map(\.classifiableText).joined(separator: "\n\n"), channel: ticket.channel,
            requesterEmail: ticket.requester?.email, organization: ticket.organization, tags: ticket.tags,
            status: ticket.status, createdAt: ticket.createdAt ?? ticket.messages.compactMap(\.sentAt).min(),
            messageCount: ticket.messages.count, lastCustomerMessageAt: customer.compactMap(\.sentAt).max(),
            firstAgentReplyAt: agentTimes.min(), lastAgentReplyAt: agentTimes.max(),
            customFields: ticket.customFields, labelDepartment: ticket.labelDepartment,
            labelPriority: ticket.labelPriority)
    }
}
