extension RuleEngine {
    /// How often each rule would fire over `subjects` (for `triage rules test`): one count per rule, in file
    /// order, with zero for rules that never fired. Nothing is recorded; `alreadyFired` is not consulted.
    public func fireCounts(over subjects: some Sequence<RuleSubject>) -> [(ruleID: String, fired: Int)] {
        var counts = [String: Int]()
        for subject in subjects {
            for firing in evaluate(subject).firings { counts[firing.ruleID, default: 0] += 1 }
        }
        return rules.rules.map { (ruleID: $0.id, fired: counts[$0.id] ?? 0) }
    }
}
