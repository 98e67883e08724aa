import ArgumentParser
import Foundation
import TriageModel
import TriageStore

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Full-text search over subjects and messages.",
        discussion: """
            The words are searched as written (all must occur), regardless of case and accents:
              triage search TW-52005
              triage search refund card
            With --fts the query is FTS5 syntax: "quoted phrases", OR, NOT, NEAR and prefix*:
              triage search --fts 'refund OR chargeback'
            Queries are bounded: at most \(SearchQuery.maximumBytes) bytes and \(SearchQuery.maximumTerms) words.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The words to find.") var query: String
    @Flag(help: "Read the query as FTS5 syntax (phrases, OR, NOT, NEAR, prefix*) instead of literal words.") var fts = false
    @Option(help: "How many hits at most.") var limit = 20

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let searchQuery = try SearchQuery(query, syntax: fts ? .fts5 : .literal)
        let store = try global.openReadOnlyStore()
        let hits = try store.search(searchQuery, limit: limit)
        if output.format == .json { return try Terminal.json(hits) }
        for hit in hits {
            Terminal.out("\(hit.ticket.id)  \(hit.ticket.source):\(hit.ticket.externalID)  \(TextTable.clip(hit.ticket.subject, 70))")
            Terminal.out("    \(TextTable.clip(hit.snippet, 110))")
        }
        if hits.isEmpty { Terminal.err("no matches") }
    }
}
