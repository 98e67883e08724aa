extension RuleContext {
    /// Whether `condition` holds, short-circuiting `all` and `any` (the fast path).
    mutating func holds(_ condition: Condition) -> Bool {
        switch condition {
        case let .all(children):
            for child in children where !holds(child) { return false }
            return true
        case let .any(children):
            for child in children where holds(child) { return true }
            return false
        case let .not(child):
            return !holds(child)
        case let .test(predicate):
            return test(predicate, describe: false).holds
        }
    }

    /// The same evaluation, recording every evaluated condition and the value each test saw.
    mutating func trace(_ condition: Condition) -> ConditionTrace {
        switch condition {
        case let .all(children):
            var traces: [ConditionTrace] = []
            for child in children {
                let trace = trace(child)
                traces.append(trace)
                if !trace.holds { return ConditionTrace(kind: .all, holds: false, children: traces) }
            }
            return ConditionTrace(kind: .all, holds: true, children: traces)
        case let .any(children):
            var traces: [ConditionTrace] = []
            for child in children {
                let trace = trace(child)
                traces.append(trace)
                if trace.holds { return ConditionTrace(kind: .any, holds: true, children: traces) }
            }
            return ConditionTrace(kind: .any, holds: false, children: traces)
        case let .not(child):
            let inner = trace(child)
            return ConditionTrace(kind: .not, holds: !inner.holds, children: [inner])
        case let .test(predicate):
            let result = test(predicate)
            return ConditionTrace(kind: .test, holds: result.holds, text: predicate.text, actual: result.actual)
        }
    }
}
