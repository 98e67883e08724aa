import Foundation
import TriageModel

/// Turns one record element into an `ImportedTicket` through a ``FieldMapping`` (pure: no I/O).
///
/// Paths are relative to the record element: `subject`, `requester/email`, `@id`, `requester/@email`.
struct GenericXMLMapper {
    let mapping: FieldMapping
    let source: String
    let zone: TimeZone

    func ticket(from element: XMLTreeElement) throws -> ImportedTicketDraft {
        guard let idPath = mapping.fields[.externalID], let externalID = element.string(idPath) else {
            let path = mapping.fields[.externalID] ?? "external_id"
            throw XMLFieldProblem(field: path, message: "missing; the mapping's external_id must give every record an id",
                                  line: element.line)
        }
        var warnings: [XMLFieldProblem] = []
        func field(_ name: FieldMapping.TicketField) -> String? { mapping.fields[name].flatMap(element.string) }
        func date(_ name: FieldMapping.TicketField) -> Date? {
            mapping.fields[name].flatMap { element.date($0, zone: zone, warnings: &warnings) }
        }

        var ticket = ImportedTicket(source: source, externalID: externalID, subject: field(.subject) ?? "")
        ticket.status = field(.status)?.lowercased()
        ticket.channel = field(.channel)?.lowercased()
        let requester = Participant(name: field(.requesterName), email: field(.requesterEmail))
        ticket.requester = requester.name == nil && requester.email == nil ? nil : requester
        ticket.assignee = field(.assigneeEmail).map { Participant(email: $0) }
        ticket.organization = field(.organization)
        ticket.createdAt = date(.createdAt)
        ticket.updatedAt = date(.updatedAt)
        ticket.labelDepartment = field(.department)
        ticket.labelPriority = field(.priority).map { Priority(exported: $0)?.rawValue ?? $0.lowercased() }
        ticket.tags = tags(of: element)
        for (name, path) in mapping.customFields ?? [:] {
            if let value = element.string(path) { ticket.customFields[name] = value }
        }

        let body = XMLMessageBody(text: field(.body), html: field(.bodyHTML))
        ticket.messages = messages(of: element, warnings: &warnings)
        if !body.text.isEmpty, ticket.messages.first.map({ !XMLMessageBody.sameText($0.text, body.text) }) ?? true {
            ticket.messages.insert(ImportedMessage(
                externalID: "\(externalID)-body", author: ticket.requester, role: .customer, isPublic: true,
                sentAt: ticket.createdAt, text: body.text, html: body.html), at: 0)
        }
        return ImportedTicketDraft(ticket: ticket, warnings: warnings)
    }

    /// Tags from repeating elements (`tags/tag`) or one string split on the separator (default: comma or blank).
    private func tags(of element: XMLTreeElement) -> [String] {
        guard let path = mapping.fields[.tags] else { return [] }
        let repeated = element.elements(at: path)
        if repeated.count > 1 {
            return repeated.compactMap { $0.string("") }
        }
        guard let text = element.string(path) else { return [] }
        let parts: [Substring] = if let separator = mapping.tagSeparator, !separator.isEmpty {
            text.split(separator: separator)
        } else {
            text.split { $0 == "," || $0.isWhitespace }
        }
        return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private func messages(of element: XMLTreeElement, warnings: inout [XMLFieldProblem]) -> [ImportedMessage] {
        guard let messages = mapping.messages else { return [] }
        return element.elements(at: messages.path).enumerated().map { offset, child in
            func field(_ name: FieldMapping.MessageField) -> String? { messages.fields[name].flatMap(child.string) }
            let body = XMLMessageBody(text: field(.body), html: field(.bodyHTML))
            let author = Participant(name: field(.authorName), email: field(.authorEmail))
            let role: MessageRole = field(.role).map { value in
                if mapping.isAgentRole(value) { return .agent }
                return value.lowercased() == "system" ? .system : .customer
            } ?? .customer
            let isPublic = field(.isPublic).map { !["false", "0", "no", "private", "internal"].contains($0.lowercased()) }
            return ImportedMessage(
                externalID: field(.externalID),
                author: author.name == nil && author.email == nil ? nil : author,
                role: role, isPublic: isPublic ?? true,
                sentAt: messages.fields[.createdAt].flatMap { child.date($0, zone: zone, warnings: &warnings) },
                text: body.text, html: body.html)
        }
    }
}
