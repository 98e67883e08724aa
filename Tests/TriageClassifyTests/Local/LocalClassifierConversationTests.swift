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
}
