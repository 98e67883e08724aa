import Foundation
import Testing
import TriageModel

@Suite("Label tallies")
struct LabelCountTallyTests {
    @Test func tallyCountsAndOrders() {
        let counts = [LabelCount].tally(["Sales", "Billing", "Billing", "Access", "Sales", "Billing"])
        #expect(counts == [LabelCount("Billing", 3), LabelCount("Sales", 2), LabelCount("Access", 1)])
        #expect(counts.total == 6)
        #expect([LabelCount].tally([String]()).isEmpty)
    }
}
