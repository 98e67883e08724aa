extension RuleSet {
    /// Reads a rules file; throws ``RulesError/invalidRules(file:problems:)`` listing every error with its line and
    /// column. Warnings (unreachable rules, unknown departments) do not stop loading; see ``check(yaml:departments:)``.
    ///
    /// - Parameters:
    ///   - file: The name errors mention.
    ///   - departments: The configured department names; when given, other names are warned about.
    public static func parse(yaml: String, file: String = "rules.yml",
                             departments: [String]? = nil) throws(RulesError) -> RuleSet {
        var parser = RuleFileParser(departments: departments)
        let set = parser.parse(yaml: yaml)
        if parser.problems.contains(where: { $0.severity == .error }) {
            throw .invalidRules(file: file, problems: parser.problems)
        }
        return set
    }

    /// Every problem in a rules file, errors and warnings, in file order. Empty means the file is clean.
    public static func check(yaml: String, departments: [String]? = nil) -> [RuleProblem] {
        var parser = RuleFileParser(departments: departments)
        _ = parser.parse(yaml: yaml)
        return parser.problems
    }
}
