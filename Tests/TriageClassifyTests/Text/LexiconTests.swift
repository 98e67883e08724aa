import Testing
@testable import TriageClassify

@Suite("Lexicon")
struct LexiconTests {
    let lexicon = Lexicon(lists: [["down", "not working"], ["Danke", "não funciona"]])

    @Test func matchesWholeTokenSequencesPerList() {
        let tokens = TextNormalizer.words("The site is DOWN and login is not working. Danke! Nao funciona.")
        #expect(lexicon.matches(in: tokens) == [["down", "not working"], ["danke", "nao funciona"]])
    }

    @Test func partsOfWordsAndSplitPhrasesDoNotMatch() {
        let tokens = TextNormalizer.words("Please download the file; working is not an option")
        #expect(lexicon.matches(in: tokens) == [[], []])
    }

    @Test func repeatedHitsAreReportedOnce() {
        #expect(Lexicon(["down"]).matches(in: ["down", "down"]) == [["down"]])
    }
}
