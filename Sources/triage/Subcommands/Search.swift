import ArgumentParser
import Foundation
import TriageModel
import TriageStore

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Full-text search over subjects and messages.",
        discussion: """
            Words match regardless of case and accents; "quoted phrases", OR, NOT and prefix* work:
              triage search 'refund OR chargeback'
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The search query.") var query: String
    @Option(help: "How many hits at most.") var limit = 20

    func run() throws {
        try reportingErrors {
            let store = try global.openExistingStore()
            let hits: [SearchHit]
            do {
                hits = try store.search(query, limit: limit)
            } catch {
                throw CLIError(error, exitCode: .dataError)
            }
            if output.format == .json { return try Terminal.json(hits) }
            for hit in hits {
                Terminal.out("\(hit.ticket.id)  \(hit.ticket.source):\(hit.ticket.externalID)  \(TextTable.clip(hit.ticket.subject, 70))")
                Terminal.out("    \(TextTable.clip(hit.snippet, 110))")
            }
            if hits.isEmpty { Terminal.err("no matches") }
        }
    }
}
