import Testing
@testable import TriageClassify

@Suite struct LocalClassifierConversationTests {
    @Test func summariesReadTheCustomersWordsWithoutLabels() {
        let body = "Customer: The invoice shows the wrong VAT number.\n\nIt is from March.\n\nAgent: We will fix it.\n\nCustomer: Thanks, please hurry."
        #expect(LocalClassifier.customerText(body) == "The invoice shows the wrong VAT number.\n\nIt is from March.\n\nThanks, please hurry.")
    }

    @Test func unlabelledTextIsLeftAlone() {
        #expect(LocalClassifier.customerText("Plain text.\n\nSecond paragraph.") == "Plain text.\n\nSecond paragraph.")
    }

    /// The byte scan that spares the paragraph split says yes wherever the split could find a label.
    @Test(arguments: [
        ("Customer: hi", true), ("Hello\n\nAgent: we fixed it", true), ("a\n\n\nSystem: closed", true),
        ("Hello\nCustomer: one newline is not a paragraph", false), ("No labels at all.\n\nStill none.", false),
        ("Customer:no space", false), ("", false),
    ])
    func theLabelScanFindsEveryParagraphLabel(text: String, expected: Bool) {
        #expect(LocalClassifier.mayHaveLabels(text, ["Customer: ", "Agent: ", "System: "]) == expected)
    }
}
