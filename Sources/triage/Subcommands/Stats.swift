import ArgumentParser
import Foundation
import TriageModel
import TriageStore

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Counts: tickets, messages, triage state, imports, model calls and cost.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try global.openReadOnlyStore()
        let s = try store.statistics()
        if output.format == .json { return try Terminal.json(s) }
        var lines = [
            "Tickets:        \(s.tickets) (\(s.pendingTriage) waiting for triage, \(s.triaged) triaged)",
            "Messages:       \(s.messages) (\(s.attachments) attachments)",
            "Imports:        \(s.importRuns) runs, \(s.importFailures) failed records",
            "Model calls:    \(s.llmCalls), $\(String(format: "%.4f", s.llmCostUSD))",
            "", "By source:",
        ]
        lines += s.bySource.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value)" }
        lines += ["", "By labelled department:"]
        lines += s.byLabelDepartment.sorted { $0.value > $1.value }.map { "  \($0.key): \($0.value)" }
        if !s.byTriageDepartment.isEmpty {
            lines += ["", "By triaged department:"]
            lines += s.byTriageDepartment.sorted { $0.value > $1.value }.map { "  \($0.key): \($0.value)" }
        }
        Terminal.out(lines.joined(separator: "\n"))
    }
}
