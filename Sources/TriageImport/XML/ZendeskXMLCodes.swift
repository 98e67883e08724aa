import TriageModel

/// The numeric codes of Zendesk's legacy (classic) XML export, as names.
///
/// Unknown codes are kept as `status-7`, `via-42` so nothing is silently merged.
enum ZendeskXMLCodes {
    /// `status-id`: 0 new, 1 open, 2 pending, 3 solved, 4 closed, 6 hold.
    static func status(_ code: Int) -> String {
        switch code {
        case 0: "new"
        case 1: "open"
        case 2: "pending"
        case 3: "solved"
        case 4: "closed"
        case 6: "hold"
        default: "status-\(code)"
        }
    }

    /// `priority-id`: 0 none, 1 low, 2 normal, 3 high, 4 urgent. `nil` for none.
    static func priority(_ code: Int) -> String? {
        switch code {
        case 1: "low"
        case 2: "normal"
        case 3: "high"
        case 4: "urgent"
        default: nil
        }
    }

    /// `ticket-type-id`: 0 none, 1 question, 2 incident, 3 problem, 4 task. `nil` for none.
    static func ticketType(_ code: Int) -> String? {
        switch code {
        case 1: "question"
        case 2: "incident"
        case 3: "problem"
        case 4: "task"
        default: nil
        }
    }

    /// `via-id`: how the ticket came in.
    static func channel(_ code: Int) -> String {
        switch code {
        case 0: "web"
        case 4: "email"
        case 5: "api"
        case 29: "chat"
        case 30, 33, 34, 35: "phone"
        default: "via-\(code)"
        }
    }

    /// `roles` of a user in `users.xml`: 0 end user (customer), 2 administrator and 4 agent (the team).
    static func role(_ code: Int) -> MessageRole {
        code == 2 || code == 4 ? .agent : .customer
    }
}
