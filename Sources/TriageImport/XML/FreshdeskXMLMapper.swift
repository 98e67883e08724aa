import Foundation
import TriageModel

/// Turns one `<helpdesk-ticket>` of a Freshdesk legacy XML export into an `ImportedTicket` (pure: no I/O).
struct FreshdeskXMLMapper {
    let source: String
    let zone: TimeZone

    func ticket(from element: XMLTreeElement) throws -> ImportedTicketDraft {
        guard let displayID = try element.integer("display-id") else {
            throw XMLFieldProblem(field: "display-id", message: "missing; every ticket needs its display-id (the ticket number)",
                                  line: element.line)
        }
        var warnings: [XMLFieldProblem] = []
        var ticket = ImportedTicket(source: source, externalID: String(displayID), subject: element.string("subject") ?? "")
        ticket.status = try element.integer("status").map(FreshdeskCodes.status)
        ticket.labelPriority = try element.integer("priority").flatMap(FreshdeskCodes.priority)
        ticket.channel = try element.integer("source").map(FreshdeskCodes.channel)
        ticket.createdAt = element.date("created-at", zone: zone, warnings: &warnings)
        ticket.updatedAt = element.date("updated-at", zone: zone, warnings: &warnings)
        let requester = Participant(name: first(element, "requester/name", "requester-name"),
                                    email: first(element, "requester/email", "requester-email", "email"))
        ticket.requester = requester.name == nil && requester.email == nil ? nil : requester
        let responder = Participant(name: first(element, "responder/name", "responder-name"),
                                    email: first(element, "responder/email", "responder-email"))
        ticket.assignee = responder.name == nil && responder.email == nil ? nil : responder
        ticket.organization = first(element, "company/name", "company-name")
        ticket.labelDepartment = first(element, "group/name", "group-name", "department")
        ticket.tags = tags(of: element)
        if let type = element.string("ticket-type") { ticket.customFields["ticket_type"] = type }
        if let due = element.string("due-by") { ticket.customFields["due_by"] = due }
        if let requesterID = element.string("requester-id") { ticket.customFields["requester_id"] = requesterID }

        let description = XMLMessageBody(text: element.string("description"), html: element.string("description-html"))
        if !description.text.isEmpty {
            ticket.messages.append(ImportedMessage(
                externalID: "\(displayID)-description", author: ticket.requester, role: .customer, isPublic: true,
                sentAt: ticket.createdAt, text: description.text, html: description.html))
        }
        for (offset, note) in element.elements(at: "notes/helpdesk-note").enumerated() {
            let body = XMLMessageBody(text: note.string("body"), html: note.string("body-html"))
            let incoming = note.boolean("incoming") ?? false
            let author = Participant(name: first(note, "user/name", "user-name"), email: first(note, "user/email", "user-email"))
            ticket.messages.append(ImportedMessage(
                externalID: note.string("id") ?? "\(displayID)-note-\(offset + 1)",
                author: author.name == nil && author.email == nil ? nil : author,
                role: incoming ? .customer : .agent,
                isPublic: !(note.boolean("private") ?? false),
                sentAt: note.date("created-at", zone: zone, warnings: &warnings),
                text: body.text, html: body.html,
                attachments: note.elements(at: "attachments/attachment").map { attachment in
                    AttachmentInfo(filename: first(attachment, "content-file-name", "name", "filename"),
                                   contentType: first(attachment, "content-content-type", "content-type"),
                                   size: first(attachment, "content-file-size", "size").flatMap { Int64($0) })
                }))
        }
        return ImportedTicketDraft(ticket: ticket, warnings: warnings)
    }

    /// The first of several spellings the exports use for one field.
    private func first(_ element: XMLTreeElement, _ paths: String...) -> String? {
        for path in paths { if let value = element.string(path) { return value } }
        return nil
    }

    /// Tags as `<tags><tag><name>` elements or one comma-separated `tag-names` field.
    private func tags(of element: XMLTreeElement) -> [String] {
        let listed = element.elements(at: "tags/tag").compactMap { $0.string("name") ?? $0.string("") }
        if !listed.isEmpty { return listed }
        return (element.string("tag-names") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
