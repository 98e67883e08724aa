import Foundation
import TriageModel
import Yams

extension RuleFileParser {
    /// Types the operand for the field and operator, reporting wrong types, bad regexes and empty lists.
    mutating func parseOperand(_ node: Node, op: RuleOperator, field: RuleField,
                               caseSensitive: Bool) -> Predicate.Operand? {
        if Self.isNull(node) {
            error(node, "'\(op.rawValue)' needs a value, not null; to test for a missing value write `exists: false`")
            return nil
        }
        switch op {
        case .exists, .changed:
            return boolean(node, key: op.rawValue).map(Predicate.Operand.flag)
        case .matches:
            guard let source = scalarString(node) else {
                error(node, "`matches` takes a regular expression (text)")
                return nil
            }
            do {
                return .pattern(try RulePattern(source, caseSensitive: caseSensitive))
            } catch {
                self.error(node, "invalid regular expression '\(source)'; check its parentheses, brackets and "
                           + "backslashes (in YAML, single quotes keep \\b as written)")
                return nil
            }
        case .contains, .startsWith:
            guard let text = scalarString(node) else {
                error(node, "`\(op.rawValue)` takes one text value")
                return nil
            }
            return .value(.string(text))
        case .containsAny, .containsAll:
            guard let items = nonEmptyList(node, op: op) else { return nil }
            var values: [RuleValue] = []
            for item in items {
                guard let text = scalarString(item) else {
                    error(item, "`\(op.rawValue)` takes a list of texts")
                    return nil
                }
                values.append(.string(text))
            }
            return .values(values)
        case .is, .isNot:
            return value(node, field: field).map(Predicate.Operand.value)
        case .in, .notIn:
            guard let items = nonEmptyList(node, op: op) else { return nil }
            let values = items.compactMap { value($0, field: field) }
            guard values.count == items.count else { return nil }
            guard sameType(values, node: node, op: op) else { return nil }
            return .values(values)
        case .lessThan, .greaterThan:
            return orderedValue(node, field: field).map(Predicate.Operand.value)
        case .between:
            guard let items = node.sequence, items.count == 2 else {
                error(node, "`between` takes two bounds: [LOW, HIGH] (both included)")
                return nil
            }
            guard let low = orderedValue(items[0], field: field), let high = orderedValue(items[1], field: field),
                  sameType([low, high], node: node, op: op) else { return nil }
            if let order = RuleContext.order(low, high), order > 0 {
                error(node, "`between` bounds are reversed: \(low.displayText) is above \(high.displayText)")
                return nil
            }
            return .range(low, high)
        }
    }

    private mutating func nonEmptyList(_ node: Node, op: RuleOperator) -> [Node]? {
        guard let items = node.sequence else {
            error(node, "`\(op.rawValue)` takes a list: [a, b]")
            return nil
        }
        if items.isEmpty {
            error(node, "`\(op.rawValue)` has an empty list")
            return nil
        }
        return Array(items)
    }

    private mutating func sameType(_ values: [RuleValue], node: Node, op: RuleOperator) -> Bool {
        let kinds = Set(values.map(Self.kindName))
        if kinds.count > 1 {
            error(node, "`\(op.rawValue)` mixes \(kinds.sorted().joined(separator: " and ")); use one type")
            return false
        }
        return true
    }

    /// A value of the field's type (`is`, `in`).
    private mutating func value(_ node: Node, field: RuleField) -> RuleValue? {
        guard let text = scalarString(node) else {
            error(node, "expected one value for '\(field.name)', not a \(node.mapping != nil ? "mapping" : "list")")
            return nil
        }
        switch field.kind {
        case .string:
            if let allowed = field.allowedValues, !allowed.contains(text.lowercased()) {
                error(node, "'\(text)' is not a value of '\(field.name)'" + NameSuggestion.hint(for: text, in: allowed))
                return nil
            }
            if let departments, field == .triageDepartment || field == .labelDepartment,
               !departments.contains(where: { $0.lowercased() == text.lowercased() }) {
                warning(node, "'\(text)' is not a configured department (\(departments.joined(separator: ", ")))")
            }
            return .string(text)
        case .list:
            return .string(text)
        case .number, .date, .priority:
            return orderedValue(node, field: field)
        case .bool:
            guard let flag = node.bool, node.scalar?.style == .plain else {
                error(node, "'\(field.name)' is true or false, not '\(text)'")
                return nil
            }
            return .bool(flag)
        case .dynamic:
            return Self.inferred(node, text: text)
        }
    }

    /// A number, date or priority (`less_than`, `greater_than`, `between`, and `is` on such fields).
    private mutating func orderedValue(_ node: Node, field: RuleField) -> RuleValue? {
        guard let text = scalarString(node) else {
            error(node, "expected one value for '\(field.name)'")
            return nil
        }
        let plain = node.scalar?.style == .plain
        switch field.kind {
        case .number:
            if plain, let number = Double(text) { return .number(number) }
            error(node, "'\(field.name)' holds numbers; '\(text)' is not a number\(plain ? "" : " (remove the quotes)")")
        case .date:
            if let date = RuleValue.parseDate(text) { return .date(date) }
            error(node, "'\(field.name)' holds dates; write an ISO 8601 date-time like 2026-03-01T09:00:00Z, not '\(text)'")
        case .priority:
            if let priority = Priority(rawValue: text.lowercased()) { return .priority(priority) }
            error(node, "'\(text)' is not a priority" + NameSuggestion.hint(for: text, in: Priority.allCases.map(\.rawValue)))
        case .dynamic:
            let value = Self.inferred(node, text: text)
            switch value {
            case .number, .date: return value
            default: error(node, "comparing '\(field.name)' needs a number or an ISO 8601 date, not '\(text)'")
            }
        case .string, .list, .bool:
            error(node, "'\(field.name)' cannot be ordered")
        }
        return nil
    }

    /// The type a custom-field operand is written in: ISO dates, unquoted numbers and booleans, else text.
    private static func inferred(_ node: Node, text: String) -> RuleValue {
        if let date = RuleValue.parseDate(text) { return .date(date) }
        guard node.scalar?.style == .plain else { return .string(text) }
        if let number = Double(text), number.isFinite { return .number(number) }
        if ["true", "false"].contains(text.lowercased()) { return .bool(text.lowercased() == "true") }
        return .string(text)
    }

    private static func kindName(_ value: RuleValue) -> String {
        switch value {
        case .string: "text"
        case .number: "numbers"
        case .bool: "booleans"
        case .date: "dates"
        case .priority: "priorities"
        case .list: "lists"
        }
    }
}
