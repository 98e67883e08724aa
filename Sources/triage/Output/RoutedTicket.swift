import Foundation
import TriageModel
import TriageStore

/// A stored ticket with its routed view for `list` and `show`.
///
/// JSON: the ticket's own fields as before, plus `routing` (absent for a ticket never routed), so readers of the
/// earlier output keep working.
struct RoutedTicket: Encodable {
    var ticket: StoredTicket
    var routing: TicketRouting?

    private enum Key: String, CodingKey { case routing }

    func encode(to encoder: any Encoder) throws {
        try ticket.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encodeIfPresent(routing, forKey: .routing)
    }

    /// Routing changes for the current content (stale ones, from an earlier version, are not applied).
    private var current: TicketRouting? { routing?.current == true ? routing : nil }

    /// The department shown: a rule's choice, else the triage answer, else the human label in parentheses.
    var department: String {
        current?.department ?? ticket.triage?.result.department ?? ticket.labelDepartment.map { "(\($0))" }
            ?? (ticket.needsTriage ? "pending" : "-")
    }

    var priority: String {
        current?.priority ?? ticket.triage?.result.priority.rawValue ?? ticket.labelPriority.map { "(\($0))" } ?? "-"
    }

    var departmentFromRule: Bool { current?.department != nil }
    var priorityFromRule: Bool { current?.priority != nil }

    /// `+tag -tag needs-human`, `unrouted` when new content waits for routing, `-` when rules changed nothing.
    var routingSummary: String {
        guard let routing else { return "-" }
        guard routing.current else { return "unrouted" }
        let parts = routing.addedTags.map { "+\($0)" } + routing.removedTags.map { "-\($0)" }
            + (routing.needsHumanReason == nil ? [] : ["needs-human"])
        return parts.isEmpty ? "-" : parts.joined(separator: " ")
    }
}
