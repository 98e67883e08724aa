import Foundation
import Yams
import TriageModel

extension RuleFileParser {
    /// `{all: [...]}`, `{any: [...]}`, `{not: {...}}`, `{field: ..., <operator>: ...}`, or a list (= `all`).
    mutating func parseCondition(_ node: Node) -> Condition? {
        if let items = node.sequence {
            return .all(items.compactMap { parseCondition($0) })
        }
        guard let mapping = node.mapping else {
            error(node, "a condition is {field: NAME, OPERATOR: VALUE}, or all: / any: / not: of conditions")
            return nil
        }
        if mapping["field"] != nil { return parsePredicate(mapping, node: node) }
        guard mapping.count == 1, let (key, value) = mapping.first, let name = key.string else {
            error(node, "a condition has `field:` or exactly one of all, any, not")
            return nil
        }
        switch name {
        case "all", "any":
            guard let items = value.sequence else {
                error(value, "`\(name)` takes a list of conditions")
                return nil
            }
            let children = items.compactMap { parseCondition($0) }
            return name == "all" ? .all(children) : .any(children)
        case "not":
            return parseCondition(value).map(Condition.not)
        default:
            if RuleOperator(rawValue: name) != nil || RuleField(name: name) != nil {
                error(key, "'\(name)' needs a field: write {field: NAME, OPERATOR: VALUE}")
            } else {
                error(key, "unknown condition '\(name)'; expected field, all, any or not")
            }
            return nil
        }
    }

    private mutating func parsePredicate(_ mapping: Node.Mapping, node: Node) -> Condition? {
        var field: RuleField?
        var operators: [(RuleOperator, Node)] = []
        var caseSensitive = false
        for (key, value) in mapping {
            let name = key.string ?? ""
            if name == "field" {
                guard let fieldName = scalarString(value) else {
                    error(value, "`field` must name a field")
                    return nil
                }
                field = RuleField(name: fieldName)
                if field == nil {
                    error(value, "unknown field '\(fieldName)'"
                          + NameSuggestion.hint(for: fieldName, in: RuleField.allNames.filter { !$0.contains("<") },
                                                listing: RuleField.allNames.joined(separator: ", ")))
                    return nil
                }
            } else if name == "case_sensitive" {
                caseSensitive = boolean(value, key: "case_sensitive") ?? false
            } else if let op = RuleOperator(rawValue: name) {
                operators.append((op, value))
            } else {
                error(key, "unknown operator '\(name)'"
                      + NameSuggestion.hint(for: name, in: RuleOperator.allCases.map(\.rawValue) + ["case_sensitive"]))
                return nil
            }
        }
        guard let field else { return nil }
        guard operators.count == 1, let (op, operandNode) = operators.first else {
            error(node, operators.isEmpty ? "condition on '\(field.name)' has no operator (is, in, contains, …)"
                  : "condition on '\(field.name)' has \(operators.count) operators; write one per condition "
                  + "and combine them with all:")
            return nil
        }
        guard op.accepts(field.kind) else {
            error(node, "operator '\(op.rawValue)' does not apply to \(field.kind.rawValue) field '\(field.name)'"
                  + Self.hint(op, field.kind))
            return nil
        }
        if op == .changed, Self.timeDependent(field) {
            error(node, "'\(field.name)' changes with time; `changed` cannot compare it between versions")
            return nil
        }
        guard let operand = parseOperand(operandNode, op: op, field: field, caseSensitive: caseSensitive) else {
            return nil
        }
        return .test(Predicate(field: field, operator: op, operand: operand, caseSensitive: caseSensitive,
                               location: Self.location(node)))
    }

    private static func timeDependent(_ field: RuleField) -> Bool {
        switch field {
        case .ageHours, .hoursSinceCustomerMessage, .sla: true
        default: false
        }
    }

    private static func hint(_ op: RuleOperator, _ kind: RuleField.Kind) -> String {
        switch (op, kind) {
        case (.is, .list), (.isNot, .list), (.in, .list), (.notIn, .list): "; use contains / contains_any for lists"
        case (.lessThan, _), (.greaterThan, _), (.between, _): "; it compares numbers, dates and priorities"
        default: "; it applies to text and lists"
        }
    }
}
