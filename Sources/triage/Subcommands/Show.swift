import ArgumentParser
import Foundation
import TriageModel
import TriageStore

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one ticket with its messages and triage result.",
        discussion: "ID is the store id, source:external_id (zendesk:41017) or an external id unique across sources.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The ticket.") var id: String

    func run() throws {
        try reportingErrors {
            let store = try global.openExistingStore()
            let ticket: StoredTicket
            do {
                ticket = try store.ticket(reference: id)
            } catch {
                throw CLIError(error, exitCode: .noInput)
            }
            if output.format == .json { return try Terminal.json(ticket) }
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
    }
}
