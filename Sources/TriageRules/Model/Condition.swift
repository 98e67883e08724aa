import Foundation

/// The `when` of a rule: a test of one field, or `all` / `any` / `not` of nested conditions.
public indirect enum Condition: Sendable {
    /// Holds when every condition holds (`all: []` always holds).
    case all([Condition])
    /// Holds when at least one condition holds (`any: []` never holds).
    case any([Condition])
    /// Holds when the condition does not.
    case not(Condition)
    /// Tests one field.
    case test(Predicate)
}

/// One `{field: ..., <operator>: ...}` test.
///
/// A class so that walking a condition tree retains one reference per test instead of copying every operand.
public final class Predicate: Sendable {
    public let field: RuleField
    public let `operator`: RuleOperator
    public let operand: Operand
    /// String operators ignore case unless `case_sensitive: true`.
    public let caseSensitive: Bool
    public let location: RuleLocation?
    /// The operand lower-cased once when the test ignores case.
    let foldedOperand: Operand

    /// What a predicate compares against, already typed for its field and operator.
    public enum Operand: Sendable {
        /// `is`, `is_not`, `contains`, `starts_with`, `less_than`, `greater_than`.
        case value(RuleValue)
        /// `in`, `not_in`, `contains_any`, `contains_all`.
        case values([RuleValue])
        /// `between` (inclusive).
        case range(RuleValue, RuleValue)
        /// `matches`.
        case pattern(RulePattern)
        /// `exists`, `changed`.
        case flag(Bool)
    }

    public init(field: RuleField, operator: RuleOperator, operand: Operand, caseSensitive: Bool = false,
                location: RuleLocation? = nil) {
        self.field = field
        self.operator = `operator`
        self.operand = operand
        self.caseSensitive = caseSensitive
        self.location = location
        self.foldedOperand = caseSensitive ? operand : operand.folded
    }

    /// What the operand's type reads as, for mismatch explanations: `a number`.
    var operandKind: String {
        let sample: RuleValue? = switch operand {
        case let .value(value): value
        case let .values(values): values.first
        case let .range(low, _): low
        case .pattern, .flag: nil
        }
        return switch sample {
        case .number: "a number"
        case .date: "a date"
        case .bool: "a boolean"
        case .priority: "a priority"
        case .list: "a list"
        case .string, nil: "text"
        }
    }

    /// The predicate as the rules file writes it: `triage.priority is urgent`.
    public var text: String {
        let operandText: String = switch operand {
        case let .value(value): value.displayText
        case let .values(values): "[" + values.map(\.displayText).joined(separator: ", ") + "]"
        case let .range(low, high): "[\(low.displayText), \(high.displayText)]"
        case let .pattern(pattern): "/\(pattern.source)/" + (caseSensitive ? "" : "i")
        case let .flag(flag): flag ? "true" : "false"
        }
        return "\(field.name) \(self.operator.rawValue) \(operandText)"
    }
}

extension Predicate.Operand {
    var folded: Predicate.Operand {
        switch self {
        case let .value(value): .value(value.folded)
        case let .values(values): .values(values.map(\.folded))
        case let .range(low, high): .range(low.folded, high.folded)
        case .pattern, .flag: self
        }
    }
}

/// A compiled regular expression for `matches`.
///
/// Wraps `NSRegularExpression`, which is immutable after creation and safe to share between threads.
public final class RulePattern: @unchecked Sendable {
    public let source: String
    let regex: NSRegularExpression

    /// Compiles `source`; throws when it is not a valid regular expression.
    public init(_ source: String, caseSensitive: Bool) throws {
        self.source = source
        self.regex = try NSRegularExpression(pattern: source, options: caseSensitive ? [] : [.caseInsensitive])
    }

    /// `true` when the pattern occurs anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
