import Foundation

/// How many tickets carry one value of a dimension (a department, a priority, a channel…).
public struct LabelCount: Codable, Sendable, Hashable {
    public var label: String
    public var count: Int

    public init(_ label: String, _ count: Int) {
        self.label = label
        self.count = count
    }
}

extension [LabelCount] {
    /// The sum of the counts.
    public var total: Int { reduce(0) { $0 + $1.count } }

    /// Largest count first; ties in label order, so output never depends on dictionary order.
    public func sortedByCount() -> [LabelCount] {
        sorted { $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label }
    }
}
