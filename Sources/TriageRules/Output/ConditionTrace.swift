/// How one condition evaluated: the tree of what was evaluated (short-circuited branches are absent).
public struct ConditionTrace: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case all, any, not, test
    }

    public var kind: Kind
    public var holds: Bool
    /// For a test: the predicate as written (`triage.priority is urgent`).
    public var text: String
    /// For a test: the value the field had (`"high"`, `missing`, `"abc" is not a number`).
    public var actual: String?
    public var children: [ConditionTrace]

    public init(kind: Kind, holds: Bool, text: String = "", actual: String? = nil, children: [ConditionTrace] = []) {
        self.kind = kind
        self.holds = holds
        self.text = text
        self.actual = actual
        self.children = children
    }

    /// The tests that decided the result: for a true `all` every child, for a false one the first failing
    /// child; for `any` the reverse; for `not` its child's, negated (`not tags contains "spam"`).
    public var decidingTests: [ConditionTrace] {
        switch kind {
        case .test: [self]
        case .not:
            children.flatMap(\.decidingTests).map { inner in
                ConditionTrace(kind: .test, holds: !inner.holds, text: "not " + inner.text, actual: inner.actual)
            }
        case .all: holds ? children.flatMap(\.decidingTests) : children.first { !$0.holds }.map(\.decidingTests) ?? []
        case .any: holds ? children.first { $0.holds }.map(\.decidingTests) ?? [] : children.flatMap(\.decidingTests)
        }
    }

    /// `triage.priority is urgent (was "high")`.
    public var testLine: String {
        actual.map { "\(text) (was \($0))" } ?? text
    }
}
