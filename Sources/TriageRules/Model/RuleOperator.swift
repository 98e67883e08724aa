/// A comparison a condition applies to a field, named as in the rules file.
public enum RuleOperator: String, Sendable, Hashable, CaseIterable {
    case `is`, isNot = "is_not", `in`, notIn = "not_in"
    case contains, containsAny = "contains_any", containsAll = "contains_all"
    case matches, startsWith = "starts_with"
    case lessThan = "less_than", greaterThan = "greater_than", between
    case exists, changed

    /// `true` for operators that hold when the field is missing (`is_not`, `not_in`).
    var holdsForMissingValue: Bool { self == .isNot || self == .notIn }

    /// Field kinds the operator applies to.
    func accepts(_ kind: RuleField.Kind) -> Bool {
        switch self {
        case .is, .isNot, .in, .notIn: kind != .list
        case .contains, .containsAny, .containsAll, .matches, .startsWith:
            kind == .string || kind == .list || kind == .dynamic
        case .lessThan, .greaterThan, .between:
            kind == .number || kind == .date || kind == .priority || kind == .dynamic
        case .exists, .changed: true
        }
    }
}
