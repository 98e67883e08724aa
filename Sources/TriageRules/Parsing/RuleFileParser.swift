import Foundation
import Yams
import TriageModel

/// Reads a rules file's YAML tree into a ``RuleSet``, collecting every problem with its line and column
/// instead of stopping at the first.
struct RuleFileParser {
    var problems: [RuleProblem] = []
    /// Known department names; when given, `set_department` and department tests with other names are warned about.
    let departments: [String]?
    /// The id of the rule being read (for messages that name the rule), empty when it has none.
    var ruleID = ""

    init(departments: [String]?) {
        self.departments = departments
    }

    mutating func parse(yaml: String) -> RuleSet {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            problems.append(Self.problem(from: error))
            return RuleSet(rules: [])
        } catch {
            problems.append(RuleProblem(.error, at: nil, "cannot read the YAML: \(error)"))
            return RuleSet(rules: [])
        }
        guard let root, let mapping = root.mapping else {
            problems.append(RuleProblem(.error, at: root.flatMap(Self.location),
                                        "a rules file is a mapping with a `rules:` list (and optionally `sla:`)"))
            return RuleSet(rules: [])
        }
        var rules: [Rule] = []
        var sla: SLAPolicy?
        var sawRules = false
        for (key, value) in mapping {
            switch key.string {
            case "rules":
                sawRules = true
                guard let items = value.sequence else {
                    error(value, "`rules` must be a list of rules (each starting with `- id: ...`)")
                    continue
                }
                rules = items.compactMap { parseRule($0) }
            case "sla":
                sla = parseSLA(value)
            case "version":
                if value.int != 1 { error(value, "unsupported version \(value.string ?? "?"); this tool reads version 1") }
            default:
                error(key, "unknown key '\(key.string ?? "?")' at the top level; expected rules, sla or version")
            }
        }
        if !sawRules { error(root, "missing `rules:` list") }
        let set = RuleSet(rules: rules, sla: sla)
        problems += RuleFileChecks.problems(in: set)
        problems = Self.sortedByPosition(problems)
        return set
    }

    // MARK: - Rules

    private static let ruleKeys = ["id", "description", "enabled", "when", "then", "stop"]

    mutating func parseRule(_ node: Node) -> Rule? {
        guard let mapping = node.mapping else {
            error(node, "a rule is a mapping with id, when, then (and optionally description, enabled, stop)")
            return nil
        }
        var rule = Rule(id: "", actions: [], location: Self.location(node))
        var sawThen = false
        ruleID = mapping["id"].flatMap(scalarString) ?? ""
        for (key, value) in mapping {
            let name = key.string ?? ""
            switch name {
            case "id":
                if let id = scalarString(value), !id.isEmpty { rule.id = id } else { error(value, "`id` must be a non-empty text") }
            case "description":
                rule.description = scalarString(value)
                if rule.description == nil { error(value, "`description` must be text") }
            case "enabled":
                rule.enabled = boolean(value, key: "enabled") ?? true
            case "stop":
                rule.stop = boolean(value, key: "stop") ?? false
            case "when":
                rule.condition = parseCondition(value)
            case "then":
                sawThen = true
                rule.actions = parseActions(value)
            default:
                error(key, "unknown key '\(name)' in a rule" + NameSuggestion.hint(for: name, in: Self.ruleKeys))
            }
        }
        if rule.id.isEmpty {
            error(node, "rule without an `id`; give every rule a unique id (it names firings and notifications)")
            rule.id = "line-\(Self.location(node)?.line ?? 0)"
        }
        if !sawThen && !rule.stop {
            problems.append(RuleProblem(.warning, at: Self.location(node),
                                        "rule '\(rule.id)' has no `then` and no `stop`: it does nothing"))
        }
        return rule
    }

    // MARK: - Helpers

    /// Problems in file order (stable for problems at the same place).
    static func sortedByPosition(_ problems: [RuleProblem]) -> [RuleProblem] {
        problems.enumerated().sorted { lhs, rhs in
            let left = lhs.element.location.map { ($0.line, $0.column) } ?? (0, 0)
            let right = rhs.element.location.map { ($0.line, $0.column) } ?? (0, 0)
            return left != right ? left < right : lhs.offset < rhs.offset
        }.map(\.element)
    }

    static func location(_ node: Node) -> RuleLocation? {
        node.mark.map { RuleLocation(line: $0.line, column: $0.column) }
    }

    mutating func error(_ node: Node, _ message: String) {
        problems.append(RuleProblem(.error, at: Self.location(node), message))
    }

    mutating func warning(_ node: Node, _ message: String) {
        problems.append(RuleProblem(.warning, at: Self.location(node), message))
    }

    /// A scalar's text; `nil` for mappings, sequences and null.
    func scalarString(_ node: Node) -> String? {
        guard let scalar = node.scalar, !Self.isNull(node) else { return nil }
        return scalar.string
    }

    mutating func boolean(_ node: Node, key: String) -> Bool? {
        guard let value = node.bool, node.scalar?.style == .plain else {
            error(node, "`\(key)` must be true or false")
            return nil
        }
        return value
    }

    static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    static func problem(from error: YamlError) -> RuleProblem {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return RuleProblem(.error, at: RuleLocation(line: mark.line, column: mark.column),
                               "not valid YAML: \(problem)")
        default:
            return RuleProblem(.error, at: nil, "not valid YAML: \(error)")
        }
    }
}
