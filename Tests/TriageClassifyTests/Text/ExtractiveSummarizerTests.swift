import Testing
@testable import TriageClassify

@Suite("ExtractiveSummarizer")
struct ExtractiveSummarizerTests {
    static let body = """
        Hello support team.
        Since yesterday's update the invoice export crashes with an error whenever I export invoices to PDF.
        I tried another browser. The weather here is nice today.
        The invoice export error also happens for my colleague, so we cannot send invoices to customers.
        Kind regards, Maria
        """

    @Test(arguments: [5, 10, 20, 30, 60])
    func summariesRespectTheWordLimit(limit: Int) {
        let summary = ExtractiveSummarizer(maxWords: limit).summarize(subject: "Invoice export crashes", body: Self.body)
        #expect(ExtractiveSummarizer.wordCount(summary) <= limit)
        #expect(!summary.isEmpty)
    }

    @Test func picksTheInformativeSentencesInOrder() {
        let summary = ExtractiveSummarizer(maxWords: 35).summarize(subject: "Invoice export crashes", body: Self.body)
        #expect(summary.hasPrefix("Since yesterday's update the invoice export crashes"))
        #expect(summary.contains("colleague"))
        #expect(!summary.contains("weather"))
    }

    @Test func aLongFirstSentenceIsCut() {
        let body = Array(repeating: "word", count: 50).joined(separator: " ") + "."
        let summary = ExtractiveSummarizer(maxWords: 10).summarize(subject: "", body: body)
        #expect(summary == Array(repeating: "word", count: 10).joined(separator: " ") + "…")
    }

    @Test func cjkCharactersCountAsWords() {
        let summary = ExtractiveSummarizer(maxWords: 4).summarize(subject: "", body: "我无法登录我的账户。请帮助我。")
        #expect(ExtractiveSummarizer.wordCount(summary) <= 4)
        #expect(ExtractiveSummarizer.wordCount("我无法登录") == 5)
    }

    @Test func sentencesSplitOnPunctuationAndLines() {
        #expect(ExtractiveSummarizer.sentences("One. Two! Three?\nFour。五") == ["One.", "Two!", "Three?", "Four。", "五"])
    }

    @Test func anEmptyBodyFallsBackToTheSubject() {
        #expect(ExtractiveSummarizer(maxWords: 3).summarize(subject: "Refund for order 12", body: "  ") == "Refund for order…")
    }
}
