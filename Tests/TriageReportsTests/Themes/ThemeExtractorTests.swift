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

@Suite("Distinctive themes against earlier weeks")
struct DistinctiveThemeTests {
    typealias Document = ThemeExtractor.Document

    /// Earlier weeks: order status and password resets every day; the day: a new refund problem on top of the usual.
    static let baseline = (0..<300).map { i in
        Document(texts: [["Where is my order status", "Password reset link expired", "Change billing address",
                          "Order status not updated"][i % 4]])
    }
    static let day = (0..<6).map { _ in Document(texts: ["Refund failed on checkout"]) }
        + (0..<6).map { _ in Document(texts: ["Where is my order status"]) }
        + [Document(texts: ["Password reset link expired"]), Document(texts: ["Change billing address"])]

    @Test func thePhraseNewToTheDayIsAThemeTheEverydayOnesAreNot() {
        let themes = ThemeExtractor().themes(in: Self.day, comparedWith: Self.baseline)
        let first = try? #require(themes.first)
        #expect(first?.label == "refund failed on checkout" || first?.label == "refund failed")
        #expect(first?.tickets == 6)
        #expect(first?.baselineShare == 0)
        #expect(!themes.contains { $0.label.contains("order") || $0.label.contains("password") || $0.label.contains("billing") })
        // Ranked by frequency alone, the everyday phrase ties with the new one.
        #expect(ThemeExtractor().themes(in: Self.day).contains { $0.label.contains("order status") })
    }

    @Test func scoreGrowsWithEvidenceAndIsZeroForTheSameRate() {
        #expect(ThemeExtractor.score(day: 6, of: 14, baseline: 0, of: 300) > ThemeExtractor.score(day: 2, of: 14, baseline: 0, of: 300))
        #expect(abs(ThemeExtractor.score(day: 10, of: 100, baseline: 30, of: 300)) < 1e-9)
        #expect(ThemeExtractor.score(day: 1, of: 100, baseline: 30, of: 300) < 0)
        #expect(ThemeExtractor.score(day: 3, of: 0, baseline: 0, of: 0) == 0)
    }

    @Test func stopPhrasesAreNeverThemes() {
        let documents = (0..<5).map { _ in Document(texts: ["Bring back the old page, every time new page"]) }
        let labels = ThemeExtractor().themes(in: documents).map(\.label)
        for generic in ["bring back", "every time", "new", "old", "page", "new page", "old page"] {
            #expect(!labels.contains(generic), "\(generic)")
        }
    }
}
