/// Whole-file checks that need every rule: duplicate ids and rules that can never be reached.
enum RuleFileChecks {
    static func problems(in set: RuleSet) -> [RuleProblem] {
        var problems: [RuleProblem] = []
        var seen: [String: RuleLocation?] = [:]
        var stopper: Rule?
        for rule in set.rules {
            if let first = seen[rule.id] {
                problems.append(RuleProblem(.error, at: rule.location, "duplicate rule id '\(rule.id)' (first at "
                                            + "\(first.map(\.description) ?? "?")); ids name firings, so make them unique"))
            } else {
                seen[rule.id] = rule.location
            }
            if let stopper {
                problems.append(RuleProblem(.warning, at: rule.location, "rule '\(rule.id)' can never fire: rule "
                                            + "'\(stopper.id)' always fires and stops; move it up or give '\(stopper.id)' a condition"))
            } else if rule.enabled, rule.stop, alwaysHolds(rule.condition) {
                stopper = rule
            }
        }
        return problems
    }

    /// `true` for conditions that hold for every ticket (none, `all: []`, `not: {any: []}`…).
    static func alwaysHolds(_ condition: Condition?) -> Bool {
        guard let condition else { return true }
        switch condition {
        case let .all(children): return children.allSatisfy(alwaysHolds)
        case let .any(children): return children.contains(where: alwaysHolds)
        case let .not(child): return neverHolds(child)
        case .test: return false
        }
    }

    static func neverHolds(_ condition: Condition) -> Bool {
        switch condition {
        case let .all(children): return children.contains(where: neverHolds)
        case let .any(children): return children.allSatisfy(neverHolds)
        case let .not(child): return alwaysHolds(child)
        case .test: return false
        }
    }
}
