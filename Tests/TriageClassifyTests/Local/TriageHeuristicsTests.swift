import Testing
import TriageModel
@testable import TriageClassify

@Suite("TriageHeuristics")
struct TriageHeuristicsTests {
    let heuristics = TriageHeuristics()

    @Test(arguments: [
        ("Our production site is down, total outage", Priority.urgent),
        ("Unser System: kompletter Ausfall seit heute morgen", .urgent),
        ("Please fix this asap, export not working", .high),
        ("Die Synchronisierung funktioniert nicht", .high),
        ("La aplicación no funciona desde ayer", .high),
        ("Feature request: dark mode, no rush", .low),
        ("How do I change my invoice address", .normal),
        ("I want to download the report", .normal),
        ("Why is this STILL BROKEN AFTER THREE WEEKS", .high),
    ])
    func priority(text: String, expected: Priority) {
        #expect(heuristics.assess(subject: "", body: text).priority == expected)
    }

    @Test(arguments: [
        ("This is unacceptable, I am really disappointed. Thanks.", Sentiment.negative),
        ("Thank you so much, the new editor is great", .positive),
        ("Vielen Dank für die schnelle Hilfe", .positive),
        ("Where is my parcel??!", .negative),
        ("Please send the invoice for March", .neutral),
        ("C'est inacceptable, je suis déçu", .negative),
    ])
    func sentiment(text: String, expected: Sentiment) {
        #expect(heuristics.assess(subject: "", body: text).sentiment == expected)
    }

    @Test func riskTermsAreReported() {
        let assessment = heuristics.assess(subject: "Account hacked", body: "I will contact my Anwalt about this.")
        #expect(assessment.riskTerms == ["legal: anwalt", "security: hacked"])
        #expect(heuristics.assess(subject: "", body: "Please call the courier.").riskTerms.isEmpty)
    }
}
