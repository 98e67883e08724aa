import Foundation
import TriageModel

extension RuleContext {
    /// The result of one test and what the field held.
    struct TestResult {
        var holds: Bool
        var actual: String
    }

    /// Applies one predicate. Missing values fail every operator except `is_not`, `not_in` and `exists: false`;
    /// a custom field that cannot be read as the operand's type fails every operator.
    /// With `describe: false` (the bulk path) `actual` stays empty.
    mutating func test(_ predicate: Predicate, describe: Bool = true) -> TestResult {
        if predicate.operator == .changed {
            guard case let .flag(expected) = predicate.operand else { return TestResult(holds: false, actual: "?") }
            guard subject.previous != nil else {
                return TestResult(holds: !expected, actual: "no previous version")
            }
            let current = value(of: predicate.field)
            let before = previousValue(of: predicate.field)
            let changed = current != before
            return TestResult(holds: changed == expected,
                              actual: describe ? "\(Self.show(before)) → \(Self.show(current))" : "")
        }
        guard let raw = value(of: predicate.field) else {
            let holds: Bool = if case let .flag(expected) = predicate.operand, predicate.operator == .exists {
                !expected
            } else {
                predicate.operator.holdsForMissingValue
            }
            return TestResult(holds: holds, actual: "missing")
        }
        if case let .flag(expected) = predicate.operand, predicate.operator == .exists {
            return TestResult(holds: !raw.isEmpty == expected, actual: describe ? Self.show(raw) : "")
        }
        let value = predicate.caseSensitive ? raw : foldedValue(of: predicate.field, raw: raw)
        guard let holds = Self.apply(predicate.operator, to: value, operand: predicate.foldedOperand) else {
            return TestResult(holds: false,
                              actual: describe ? "\(Self.show(raw)), which is not \(predicate.operandKind)" : "")
        }
        return TestResult(holds: holds, actual: describe ? Self.show(raw) : "")
    }

    static func show(_ value: RuleValue?) -> String {
        guard let value else { return "missing" }
        let text = value.displayText
        guard text.utf8.count > 60, text.count > 60 else { return text }
        return String(text.prefix(57)) + "…\""
    }

    /// `nil` on a type mismatch.
    static func apply(_ op: RuleOperator, to value: RuleValue, operand: Predicate.Operand) -> Bool? {
        switch (op, operand) {
        case let (.is, .value(expected)):
            return coerce(value, like: expected).map { $0 == expected }
        case let (.isNot, .value(expected)):
            return coerce(value, like: expected).map { $0 != expected }
        case let (.in, .values(options)), let (.notIn, .values(options)):
            guard let first = options.first else { return op == .notIn }
            guard let typed = coerce(value, like: first) else { return nil }
            return options.contains(typed) == (op == .in)
        case let (.contains, .value(.string(needle))):
            return contains(value, needle)
        case let (.containsAny, .values(needles)):
            return needles.contains { needle in
                if case let .string(needle) = needle { contains(value, needle) } else { false }
            }
        case let (.containsAll, .values(needles)):
            return needles.allSatisfy { needle in
                if case let .string(needle) = needle { contains(value, needle) } else { false }
            }
        case let (.startsWith, .value(.string(prefix))):
            return elements(of: value).contains { $0.hasPrefix(prefix) }
        case let (.matches, .pattern(pattern)):
            return elements(of: value).contains { pattern.matches($0) }
        case let (.lessThan, .value(bound)):
            return order(value, bound).map { $0 < 0 }
        case let (.greaterThan, .value(bound)):
            return order(value, bound).map { $0 > 0 }
        case let (.between, .range(low, high)):
            guard let fromLow = order(value, low), let toHigh = order(value, high) else { return nil }
            return fromLow >= 0 && toHigh <= 0
        default:
            return nil
        }
    }

    /// Substring of a string, or element of a list.
    static func contains(_ value: RuleValue, _ needle: String) -> Bool {
        switch value {
        case let .string(text): SubstringSearch.contains(text, needle)
        case let .list(items): items.contains(needle)
        default: false
        }
    }

    static func elements(of value: RuleValue) -> [String] {
        switch value {
        case let .string(text): [text]
        case let .list(items): items
        default: []
        }
    }

    /// Reads a (custom field's) string as the operand's type; `nil` when it cannot be.
    static func coerce(_ value: RuleValue, like operand: RuleValue) -> RuleValue? {
        switch (value, operand) {
        case (.string, .string), (.number, .number), (.bool, .bool), (.date, .date), (.priority, .priority):
            return value
        case let (.string(text), .number):
            return Double(text.trimmedSpaces).map(RuleValue.number)
        case let (.string(text), .date):
            return RuleValue.parseDate(String(text.trimmedSpaces)).map(RuleValue.date)
        case let (.string(text), .bool):
            switch text.trimmedSpaces.lowercased() {
            case "true", "yes", "1": return .bool(true)
            case "false", "no", "0": return .bool(false)
            default: return nil
            }
        case let (.string(text), .priority):
            return Priority(exported: text).map(RuleValue.priority)
        default:
            return nil
        }
    }

    /// -1, 0, 1 comparing numbers, dates, or priorities by urgency; `nil` on a type mismatch.
    static func order(_ value: RuleValue, _ bound: RuleValue) -> Int? {
        switch (coerce(value, like: bound), bound) {
        case let (.number(a)?, .number(b)): a < b ? -1 : (a > b ? 1 : 0)
        case let (.date(a)?, .date(b)): a < b ? -1 : (a > b ? 1 : 0)
        case let (.priority(a)?, .priority(b)): a.urgency < b.urgency ? -1 : (a.urgency > b.urgency ? 1 : 0)
        default: nil
        }
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs (stdlib only: Foundation's trimming is slow on Linux).
    var trimmedSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[first...last]
    }
}
