import Foundation
import Testing
@testable import TriageStore

@Suite struct SearchQueryTests {
    @Test(arguments: [
        ("TW-52005", #""TW-52005""#),
        ("e-mail", #""e-mail""#),
        ("NW-INV-88213 refund", #""NW-INV-88213" "refund""#),
        ("don't", #""don't""#),
        (#"say "hi""#, #""say" """hi""""#),
        ("col:umn a*", #""col:umn" "a*""#),
    ])
    func plainInputIsQuotedTokenByToken(input: String, expected: String) throws {
        #expect(try SearchQuery(input).matchExpression == expected)
    }

    @Test func emptyTooLongAndTooManyTermsAreRefusedBeforeSQLite() {
        #expect(throws: SearchQueryError.empty) { try SearchQuery("") }
        #expect(throws: SearchQueryError.empty) { try SearchQuery(#" "" "#) }
        #expect(throws: SearchQueryError.tooLong(bytes: 126_000)) { try SearchQuery(String(repeating: "a", count: 126_000)) }
        let many = (1...33).map { "w\($0)" }.joined(separator: " ")
        #expect(throws: SearchQueryError.tooManyTerms(33)) { try SearchQuery(many) }
        #expect(throws: Never.self) { try SearchQuery((1...32).map { "w\($0)" }.joined(separator: " ")) }
    }

    @Test func fts5SyntaxIsPassedOnlyWhenAskedFor() throws {
        #expect(try SearchQuery("refund OR chargeback", syntax: .fts5).matchExpression == "refund OR chargeback")
        #expect(try SearchQuery("refund OR chargeback").matchExpression == #""refund" "OR" "chargeback""#)
    }

    @Test func ticketNumbersAndLiteralWordsAreFoundAndBadSyntaxNamesNoSQLiteInternals() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert([
            sampleTicket(id: "TW-52005", subject: "Refund to a different card", text: "Can it go to a new card?"),
            sampleTicket(id: "1002", subject: "Invoice NW-INV-88213", text: "I don't see the e-mail with the invoice."),
        ], runID: nil)
        #expect(try store.search(SearchQuery("TW-52005")).map(\.ticket.externalID) == ["TW-52005"])
        #expect(try store.search(SearchQuery("zendesk:TW-52005")).map(\.ticket.externalID) == ["TW-52005"])
        #expect(try store.search(SearchQuery("NW-INV-88213")).map(\.ticket.externalID) == ["1002"])
        #expect(try store.search(SearchQuery("don't")).map(\.ticket.externalID) == ["1002"])
        #expect(try store.search(SearchQuery("e-mail")).map(\.ticket.externalID) == ["1002"])
        #expect(try store.search(SearchQuery("invoice card")).isEmpty)  // every token must occur
        do {
            _ = try store.search(SearchQuery("TW-52005", syntax: .fts5))
            Issue.record("FTS5 reads TW-52005 as a column filter and must fail")
        } catch let error as SearchQueryError {
            #expect(!"\(error)".contains("no such column"))
            #expect("\(error)".contains("without --fts"))
        }
    }

    @Test func aNulInTheStoredSubjectAndBodyDoesNotCutThemShort() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert([sampleTicket(id: "n1", subject: "before\u{0}after", text: "one\u{0}two")], runID: nil)
        let listed = try #require(try store.tickets().first)
        #expect(listed.subject == "before\u{0}after")
        let shown = try store.ticket(reference: "zendesk:n1")
        #expect(shown.subject == "before\u{0}after")
        #expect(shown.messages.first?.text == "one\u{0}two")
    }

    @Test func aSourceWithAColonStoredEarlierIsStillReachable() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert([sampleTicket(id: "x:1", source: "a:b"), sampleTicket(id: "2", source: "a")], runID: nil)
        #expect(try store.ticket(reference: "a:b:x:1").source == "a:b")
        #expect(try store.ticket(reference: "a:2").externalID == "2")
    }
}
