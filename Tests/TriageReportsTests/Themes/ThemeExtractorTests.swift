import Testing
@testable import TriageReports

@Suite("Theme extraction")
struct ThemeExtractorTests {
    typealias Document = ThemeExtractor.Document

    @Test func groupsRelatedPhrasesUnderTheLongestFrequentOne() {
        let documents = [
            Document(texts: ["Password reset link does not work", "Customer cannot use the password reset link."]),
            Document(texts: ["Need a password reset"]),
            Document(texts: ["password reset email never arrived"]),
            Document(texts: ["Forgot my password"]),
            Document(texts: ["Invoice has the wrong VAT number"]),
            Document(texts: ["Wrong VAT number on invoice 2231"]),
            Document(texts: ["Shipping is slow"]),
        ]
        let themes = ThemeExtractor().themes(in: documents)
        let first = try? #require(themes.first)
        #expect(first?.label == "password reset")
        #expect(first?.tickets == 4)
        #expect(first?.relatedPhrases.contains("password") == true)
        let vat = themes.first { $0.label == "wrong vat number" }
        #expect(vat?.tickets == 2)
        #expect(vat?.relatedPhrases.contains("vat number") == true)
        #expect(themes.first { $0.label == "invoice" }?.tickets == 2)
        #expect(!themes.contains { $0.label.contains("shipping") })
    }

    @Test func countsEachTicketOnce() {
        let documents = [
            Document(texts: ["refund refund refund", "refund please"]),
            Document(texts: ["where is my order"]),
        ]
        #expect(ThemeExtractor().themes(in: documents).isEmpty)
        #expect(ThemeExtractor(minimumTickets: 1).themes(in: documents).first { $0.label == "refund" }?.tickets == 1)
    }

    @Test func stopwordsAndNumbersBreakPhrases() {
        let extractor = ThemeExtractor()
        #expect(extractor.runs(in: "Hi, the export to CSV fails with error 500 again") ==
                [["export"], ["csv", "fails"], ["error"]])
        #expect(extractor.phrases(of: Document(texts: ["csv export fails"])) ==
                ["csv", "export", "fails", "csv export", "export fails", "csv export fails"])
    }

    @Test func punctuationBreaksPhrases() {
        let extractor = ThemeExtractor()
        #expect(extractor.runs(in: "Invoice, refund. Login/SSO") == [["invoice"], ["refund"], ["login"], ["sso"]])
    }

    @Test func tagsAreWholePhrases() {
        let documents = [Document(texts: ["x"], tags: ["Refund-Request"]), Document(texts: ["y"], tags: ["refund_request"])]
        let themes = ThemeExtractor().themes(in: documents)
        #expect(themes == [Theme(label: "refund request", tickets: 2)])
    }

    @Test func resultIsDeterministicAndCapped() {
        let words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"]
        let documents = (0..<4).map { _ in Document(texts: [words.joined(separator: ", ")]) }
        let extractor = ThemeExtractor(maximumThemes: 3, maximumPhraseLength: 1)
        let themes = extractor.themes(in: documents)
        #expect(themes.count == 3)
        #expect(themes.map(\.label) == ["alpha", "bravo", "charlie"])
        #expect(extractor.themes(in: documents.reversed()) == themes)
    }

    @Test func emptyInputHasNoThemes() {
        #expect(ThemeExtractor().themes(in: []).isEmpty)
        #expect(ThemeExtractor().themes(in: [Document(texts: ["", "the and of"])]).isEmpty)
    }
}
