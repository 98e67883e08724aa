import ArgumentParser
import Foundation
import TriageModel
import TriageStore

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one ticket with its messages, triage result and routing (changes, escalations, rule firings).",
        discussion: "ID is the store id, source:external_id (zendesk:41017) or an external id unique across sources.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The ticket.") var id: String

    func run() throws {
        let store = try global.openReadOnlyStore()
        let ticket = try store.ticket(reference: id)
        let routing = try store.routingDetail(ticketID: ticket.id)
        if output.format == .json { return try Terminal.json(RoutedTicket(ticket: ticket, routing: routing)) }
        var lines = ["Ticket \(ticket.id)  \(ticket.source):\(ticket.externalID)", "Subject:    \(ticket.subject)"]
        if let r = ticket.requester { lines.append("Requester:  \([r.name, r.email.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " "))") }
        if let o = ticket.organization { lines.append("Org:        \(o)") }
        lines.append("Status:     \(ticket.status ?? "-")   Channel: \(ticket.channel ?? "-")")
        lines.append("Created:    \(ticket.createdAt.map(SQLDate.string) ?? "-")   Updated: \(ticket.updatedAt.map(SQLDate.string) ?? "-")")
        if !ticket.tags.isEmpty { lines.append("Tags:       \(ticket.tags.joined(separator: ", "))") }
        lines.append("Label:      \(ticket.labelDepartment ?? "-") / \(ticket.labelPriority ?? "-")")
        if let t = ticket.triage?.result {
            lines.append("Triage:     \(t.department), \(t.priority.rawValue), \(t.sentiment.rawValue), \(t.language), confidence \(String(format: "%.2f", t.confidence)) [\(t.backend.rawValue) \(t.model)]")
            lines.append("Summary:    \(t.summary)")
            if t.needsHuman { lines.append("Needs a human: \(t.needsHumanReason ?? "yes")") }
        } else {
            lines.append("Triage:     pending")
        }
        lines += Self.routingLines(routing)
        for m in ticket.messages {
            let who = [m.author?.name, m.author?.email.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " ")
            lines.append("")
            lines.append("--- \(m.role.rawValue)\(m.isPublic ? "" : " (internal)") \(who) \(m.sentAt.map(SQLDate.string) ?? "")")
            lines.append(m.text)
            for a in m.attachments {
                lines.append("[attachment: \(a.filename ?? "unnamed") \(a.contentType ?? "") \(a.size.map { "\($0) bytes" } ?? "")]")
            }
        }
        Terminal.out(lines.joined(separator: "\n"))
    }

    /// The routed view: what rules changed, escalations, and every firing.
    static func routingLines(_ routing: TicketRouting?) -> [String] {
        func time(_ date: Date) -> String { String(SQLDate.string(date).prefix(19)) }
        guard let routing else { return ["Routing:    not routed"] }
        var lines: [String] = []
        let scope = routing.current ? "" : " (for an earlier version; new content is not routed yet)"
        if routing.changesSomething {
            var changes: [String] = []
            if let d = routing.department { changes.append("department → \(d)") }
            if let p = routing.priority { changes.append("priority → \(p)") }
            if !routing.addedTags.isEmpty { changes.append("tags + \(routing.addedTags.joined(separator: ", "))") }
            if !routing.removedTags.isEmpty { changes.append("tags − \(routing.removedTags.joined(separator: ", "))") }
            lines.append("Routing:    \(changes.isEmpty ? "no field changes" : changes.joined(separator: "; "))\(scope)")
            if let reason = routing.needsHumanReason { lines.append("Needs a human (rule): \(reason)") }
        } else {
            lines.append("Routing:    rules changed nothing\(scope)")
        }
        let escalations = routing.escalations ?? []
        if !escalations.isEmpty {
            lines.append("Escalations:")
            for e in escalations { lines.append("  \(time(e.createdAt))  \(e.team)  \(e.reason)  [\(e.ruleID)]") }
        }
        let firings = routing.firings ?? []
        if !firings.isEmpty {
            lines.append("Rule firings:")
            for f in firings {
                let teams = f.teams.isEmpty ? "" : "  → \(f.teams.joined(separator: ", "))"
                lines.append("  \(time(f.firedAt))  \(f.ruleID)\(teams)\(f.current ? "" : "  (earlier version)")")
            }
        }
        return lines
    }
}
