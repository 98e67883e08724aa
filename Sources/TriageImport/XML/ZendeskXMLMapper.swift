import Foundation
import TriageModel

/// Turns one `<ticket>` of a Zendesk legacy export into an `ImportedTicket` (pure: no I/O).
struct ZendeskXMLMapper {
    let directory: ZendeskXMLDirectory
    let source: String
    let zone: TimeZone

    func ticket(from element: XMLTreeElement) throws -> ImportedTicketDraft {
        guard let niceID = try element.integer("nice-id") else {
            throw XMLFieldProblem(field: "nice-id", message: "missing; every ticket needs its nice-id (the ticket number)",
                                  line: element.line)
        }
        var warnings: [XMLFieldProblem] = []
        var ticket = ImportedTicket(source: source, externalID: String(niceID), subject: element.string("subject") ?? "")
        ticket.status = try element.integer("status-id").map(ZendeskXMLCodes.status)
        ticket.labelPriority = try element.integer("priority-id").flatMap(ZendeskXMLCodes.priority)
        ticket.channel = try element.integer("via-id").map(ZendeskXMLCodes.channel)
        ticket.createdAt = element.date("created-at", zone: zone, warnings: &warnings)
        ticket.updatedAt = element.date("updated-at", zone: zone, warnings: &warnings)
        ticket.tags = (element.string("current-tags") ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        if let type = try element.integer("ticket-type-id").flatMap(ZendeskXMLCodes.ticketType) {
            ticket.customFields["ticket_type"] = type
        }
        if let groupID = try element.integer("group-id") {
            if let name = directory.groups[groupID] { ticket.labelDepartment = name } else { ticket.customFields["group_id"] = String(groupID) }
        }
        let requesterID = try element.integer("requester-id")
        if let requesterID {
            ticket.requester = participant(requesterID)
            if directory.hasUsers && directory.users[requesterID] == nil {
                warnings.append(XMLFieldProblem(field: "requester-id", message: "user \(requesterID) is not in users.xml; requester has no e-mail",
                                                line: element.element(at: "requester-id")?.line))
            }
        }
        if let assigneeID = try element.integer("assignee-id") { ticket.assignee = participant(assigneeID) }
        let organizationID = try element.integer("organization-id")
            ?? requesterID.flatMap { directory.users[$0]?.organizationID }
        ticket.organization = organizationID.flatMap { directory.organizations[$0] }
        for entry in element.elements(at: "ticket-field-entries/ticket-field-entry") {
            if let fieldID = entry.string("ticket-field-id"), let value = entry.string("value") {
                ticket.customFields["field_\(fieldID)"] = value
            }
        }
        ticket.messages = try messages(of: element, ticketID: niceID, requesterID: requesterID, warnings: &warnings)
        return ImportedTicketDraft(ticket: ticket, warnings: warnings)
    }

    private func participant(_ id: Int) -> Participant {
        directory.users[id]?.participant ?? Participant()
    }

    /// The conversation: the comments, with the description first unless the first comment repeats it
    /// (Zendesk writes the description as the first comment too).
    private func messages(of element: XMLTreeElement, ticketID: Int, requesterID: Int?,
                          warnings: inout [XMLFieldProblem]) throws -> [ImportedMessage] {
        var result: [ImportedMessage] = []
        for (offset, comment) in element.elements(at: "comments/comment").enumerated() {
            let authorID = try comment.integer("author-id")
            let body = XMLMessageBody(text: comment.string("value"), html: comment.string("html-value"))
            let role: MessageRole = authorID.map { id in
                id == requesterID ? .customer : directory.users[id]?.role ?? .customer
            } ?? .customer
            result.append(ImportedMessage(
                externalID: comment.string("id") ?? "\(ticketID)-\(offset + 1)",
                author: authorID.map(participant),
                role: role,
                isPublic: comment.boolean("is-public") ?? true,
                sentAt: comment.date("created-at", zone: zone, warnings: &warnings),
                text: body.text, html: body.html,
                attachments: comment.elements(at: "attachments/attachment").map(attachment)
            ))
        }
        let description = XMLMessageBody(text: element.string("description"), html: nil)
        if !description.text.isEmpty, result.first.map({ !XMLMessageBody.sameText($0.text, description.text) }) ?? true {
            result.insert(ImportedMessage(
                externalID: "\(ticketID)-description",
                author: requesterID.map(participant), role: .customer, isPublic: true,
                sentAt: element.date("created-at", zone: zone, warnings: &warnings),
                text: description.text
            ), at: 0)
        }
        return result
    }

    private func attachment(_ element: XMLTreeElement) -> AttachmentInfo {
        AttachmentInfo(filename: element.string("filename"), contentType: element.string("content-type"),
                       size: element.string("size").flatMap { Int64($0) })
    }
}
