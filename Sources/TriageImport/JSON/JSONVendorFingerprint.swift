import Foundation

/// The help desk whose API wrote a JSON record, told from the record's keys (each vendor's documented fields).
public enum JSONVendor: String, Sendable, CaseIterable {
    case zendesk, freshdesk, jira, helpScout, zammad, osTicket, requestTracker

    /// The built-in format that reads this vendor's JSON.
    public var format: ImportFormat {
        switch self {
        case .zendesk: .zendeskJSON
        case .freshdesk: .freshdeskJSON
        case .jira: .jiraJSON
        case .helpScout: .helpScoutJSON
        case .zammad: .zammadJSON
        case .osTicket: .osTicketJSON
        case .requestTracker: .rtJSON
        }
    }

    public var displayName: String {
        switch self {
        case .zendesk: "Zendesk"
        case .freshdesk: "Freshdesk"
        case .jira: "Jira / Jira Service Management"
        case .helpScout: "Help Scout"
        case .zammad: "Zammad"
        case .osTicket: "osTicket"
        case .requestTracker: "Request Tracker"
        }
    }
}

/// What kind of records a JSON file holds, told by content (never by the file name).
public enum JSONRecordKind: Equatable, Sendable {
    /// Tickets (or issues, conversations) of a vendor, `nil` when the vendor is not known.
    case tickets(JSONVendor?)
    /// Messages of tickets (comments, conversations, notes, articles, audits) that name their ticket.
    case messages(JSONVendor?)
    /// Users, agents, contacts, groups, companies: side-loads for names and roles.
    case sideLoad(String)
    /// Not ticket data.
    case unknown

    public var isTickets: Bool { if case .tickets = self { true } else { false } }
}

/// Tells vendors and record kinds from JSON keys.
public enum JSONVendorFingerprint {
    /// The vendor of a ticket-like record with these keys; `nil` when no vendor's marks are present.
    public static func vendor(ofRecordKeys keys: Set<String>) -> JSONVendor? {
        func any(_ names: String...) -> Bool { names.contains { keys.contains($0) } }
        if any("issueKey", "requestFieldValues", "requestTypeId", "serviceDeskId") { return .jira }
        if keys.contains("fields") && any("key", "self", "expand") { return .jira }
        if any("display_id", "helpdesk_ticket", "fr_due_by", "fr_escalated", "description_text", "responder_id", "is_escalated") { return .freshdesk }
        if any("nice_id", "req_email", "raw_subject", "submitter_id", "has_incidents", "sharing_agreement_ids", "allow_channelback", "brand_id") { return .zendesk }
        if keys.contains("requester_id") && any("via", "assignee_id", "collaborator_ids") { return .zendesk }
        if any("mailboxId", "primaryCustomer", "customerWaitingSince") { return .helpScout }
        if any("article_ids", "state_id", "priority_id", "article_count") { return .zammad }
        if any("autorespond", "topicId") || (keys.contains("alert") && keys.contains("message") && keys.contains("email")) { return .osTicket }
        if any("EffectiveId", "Requestor", "_hyperlinks", "LastUpdated") || (keys.contains("Subject") && keys.contains("Queue")) { return .requestTracker }
        return nil
    }

    /// The kind of one record by its keys.
    public static func kind(ofRecordKeys keys: Set<String>) -> JSONRecordKind {
        func any(_ names: String...) -> Bool { names.contains { keys.contains($0) } }
        if keys.contains("helpdesk_ticket") { return .tickets(.freshdesk) }
        if keys.contains("ticket") { return .tickets(.zendesk) }
        if keys.contains("note") && keys.count == 1 { return .messages(.freshdesk) }
        // A description alone is no ticket (projects and groups have one); with a status or priority it is.
        let ticketMarks = any("subject", "description_text", "summary", "title", "Subject", "requestFieldValues", "issueKey", "nice_id", "display_id")
            || (keys.contains("fields") && any("key", "self"))
            || (keys.contains("description") && any("status", "priority", "requester_id", "state"))
        let messageOwner = any("ticket_id", "ticketId", "issue_id", "ObjectId")
        if messageOwner && any("body", "html_body", "plain_body", "body_text", "events", "content", "Content") && !any("description", "description_text", "summary", "status", "requester_id") || (keys.contains("events") && keys.contains("ticket_id")) {
            let vendor: JSONVendor? = any("incoming", "support_email", "body_text", "from_email") ? .freshdesk
                : any("events", "html_body", "plain_body", "author_id") ? .zendesk
                : any("sender_id", "type_id", "internal") ? .zammad : nil
            return .messages(vendor)
        }
        if ticketMarks { return .tickets(vendor(ofRecordKeys: keys)) }
        if any("osticket", "autorespond") || (keys.contains("message") && keys.contains("email") && keys.contains("name")) { return .tickets(.osTicket) }
        if keys.contains("author") && keys.contains("body") && any("created", "jsdPublic", "visibility", "updateAuthor") { return .messages(.jira) }
        if any("Requestor", "EffectiveId") { return .tickets(.requestTracker) }
        if any("ticket_scope", "occasional", "available", "signature") && keys.contains("id") { return .sideLoad("agents") }
        if any("role", "email", "emailAddress", "phone", "mobile", "user_fields", "contact", "firstname", "first") && keys.contains("id") { return .sideLoad("users") }
        if any("domains", "domain_names", "organization_fields", "shared_tickets") { return .sideLoad("organizations") }
        if keys.contains("id") && keys.contains("name") && !any("key", "self") && any("description", "unassigned_for", "escalate_to", "agent_ids", "deleted", "default", "business_hours_id") { return .sideLoad("groups") }
        return .unknown
    }

    /// The kind of a JSON file by its probe: the records' kind, unwrapping vendors' list envelopes.
    static func kind(of probe: JSONPayloadProbe) -> JSONRecordKind {
        switch probe.root {
        case .empty, .notJSON: return .unknown
        case .array:
            return kind(ofRecordKeys: Set(probe.firstElementKeys))
        case .object:
            let top = Set(probe.topKeys)
            for sideLoad in ["users", "agents", "contacts", "groups", "organizations", "companies"] where top == [sideLoad] || (probe.firstArrayKey == sideLoad && !top.contains("tickets")) {
                return .sideLoad(sideLoad)
            }
            if top.contains("audits") { return .messages(.zendesk) }
            if let key = probe.firstArrayKey, ["tickets", "results", "issues", "values", "items", "comments", "conversations", "records", "data", "requests"].contains(key) || key == probe.topKeys.first {
                if !probe.firstArrayRecordKeys.isEmpty {
                    let inner = kind(ofRecordKeys: Set(probe.firstArrayRecordKeys))
                    if key == "comments", case .unknown = inner { return .messages(nil) }
                    if key == "tickets" || key == "issues", case .unknown = inner { return .tickets(nil) }
                    return inner
                }
                if key == "tickets" || key == "issues" { return .tickets(nil) }
            }
            if top.contains("_embedded") { return .tickets(.helpScout) }
            return kind(ofRecordKeys: top)
        }
    }
}
