import Foundation

extension [LabelCount] {
    /// Counts equal labels: `["Billing", "Sales", "Billing"]` → Billing 2, Sales 1 (largest first).
    public static func tally(_ labels: some Sequence<String>) -> [LabelCount] {
        var counts: [String: Int] = [:]
        for label in labels { counts[label, default: 0] += 1 }
        return counts.map { LabelCount($0.key, $0.value) }.sortedByCount()
    }
}
