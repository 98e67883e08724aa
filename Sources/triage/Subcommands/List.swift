import ArgumentParser
import Foundation
import TriageModel
import TriageStore

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List tickets, newest first.",
        discussion: """
            Department and priority are the routed view: a value set by a routing rule (marked *) comes before the
            triage answer. ROUTING shows tags rules added (+) or removed (-) and needs-human; `unrouted` when new
            content waits for `triage route`.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Only tickets from this source (e.g. zendesk).") var source: String?
    @Option(help: "Only tickets with this status (e.g. open).") var status: String?
    @Option(help: "Only tickets of this department (set by a rule, else triaged, else the human label).") var department: String?
    @Flag(help: "Only tickets waiting for triage.") var pending = false
    @Option(help: "How many tickets at most.") var limit = 50

    func run() throws {
        let store = try global.openReadOnlyStore()
        let tickets = try store.tickets(matching: TicketFilter(source: source, status: status, department: department,
                                                               pendingOnly: pending, limit: limit))
        let routing = try store.routingViews(ticketIDs: tickets.map(\.id))
        let routed = tickets.map { RoutedTicket(ticket: $0, routing: routing[$0.id]) }
        if output.format == .json { return try Terminal.json(routed) }
        var table = TextTable(headers: ["ID", "TICKET", "STATUS", "DEPARTMENT", "PRIORITY", "CREATED", "ROUTING", "SUBJECT"])
        for r in routed {
            let t = r.ticket
            table.rows.append([String(t.id), TextTable.clip("\(t.source):\(t.externalID)", 24), t.status ?? "-",
                               r.department + (r.departmentFromRule ? " *" : ""),
                               r.priority + (r.priorityFromRule ? " *" : ""),
                               t.createdAt.map { String(SQLDate.string($0).prefix(16)) } ?? "-",
                               TextTable.clip(r.routingSummary, 40), TextTable.clip(t.subject, 60)])
        }
        Terminal.out(table.render())
        if routed.contains(where: { $0.departmentFromRule || $0.priorityFromRule }) {
            Terminal.err("* set by a routing rule (the triage answer is kept: `triage show ID`)")
        }
        if tickets.isEmpty { Terminal.err("no tickets match") }
    }
}
