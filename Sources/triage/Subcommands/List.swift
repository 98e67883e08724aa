import ArgumentParser
import Foundation
import TriageModel
import TriageStore

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List tickets, newest first.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Only tickets from this source (e.g. zendesk).") var source: String?
    @Option(help: "Only tickets with this status (e.g. open).") var status: String?
    @Option(help: "Only tickets of this department (triaged, else the human label).") var department: String?
    @Flag(help: "Only tickets waiting for triage.") var pending = false
    @Option(help: "How many tickets at most.") var limit = 50

    func run() throws {
        try reportingErrors {
            let store = try global.openExistingStore()
            let tickets = try store.tickets(matching: TicketFilter(source: source, status: status, department: department,
                                                                   pendingOnly: pending, limit: limit))
            if output.format == .json { return try Terminal.json(tickets) }
            var table = TextTable(headers: ["ID", "TICKET", "STATUS", "DEPARTMENT", "CREATED", "SUBJECT"])
            for t in tickets {
                table.rows.append([String(t.id), TextTable.clip("\(t.source):\(t.externalID)", 24), t.status ?? "-",
                                   t.triage?.result.department ?? t.labelDepartment.map { "(\($0))" } ?? (t.needsTriage ? "pending" : "-"),
                                   t.createdAt.map { String(SQLDate.string($0).prefix(16)) } ?? "-", TextTable.clip(t.subject, 60)])
            }
            Terminal.out(table.render())
            if tickets.isEmpty { Terminal.err("no tickets match") }
        }
    }
}
