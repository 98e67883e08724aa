/// Evaluation order for the bulk path: `all` and `any` test their cheap children first.
///
/// Tests are pure (the context only caches values it computes), so whether an `all` / `any` holds does not depend
/// on the order its children are tried in; only the work does. A regular expression or a search through the whole
/// ticket text is skipped when a comparison of a short field already decides. Explanations and the matched
/// conditions of a firing are traced over the condition as written, so what users read keeps the file's order.
extension Condition {
    /// The same condition with the children of every `all` / `any` sorted by ``estimatedCost`` (stable: equal costs
    /// keep the file's order).
    var cheapestFirst: Condition {
        switch self {
        case let .all(children): .all(Self.sorted(children))
        case let .any(children): .any(Self.sorted(children))
        case let .not(child): .not(child.cheapestFirst)
        case .test: self
        }
    }

    private static func sorted(_ children: [Condition]) -> [Condition] {
        children.map(\.cheapestFirst).enumerated()
            .sorted { ($0.element.estimatedCost, $0.offset) < ($1.element.estimatedCost, $1.offset) }
            .map(\.element)
    }

    /// A rough relative cost: comparisons of short fields 1, searches of the subject 4, the customer text (folded
    /// once per ticket, then searched) 20, SLA clocks 30, regular expressions 50; groups add their children up.
    var estimatedCost: Int {
        switch self {
        case let .all(children), let .any(children): children.reduce(1) { $0 + $1.estimatedCost }
        case let .not(child): child.estimatedCost
        case let .test(predicate): predicate.estimatedCost
        }
    }
}

extension Predicate {
    var estimatedCost: Int {
        if self.operator == .matches { return 50 }
        switch field {
        case .sla: return 30
        case .text: return 20
        case .subject: return self.operator == .is || self.operator == .isNot ? 2 : 4
        default: return 1
        }
    }
}
