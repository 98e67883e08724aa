/// Why a rules file could not be loaded.
public enum RulesError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The file has errors; each problem names its line and column.
    case invalidRules(file: String, problems: [RuleProblem])

    public var description: String {
        switch self {
        case let .invalidRules(file, problems):
            let errors = problems.filter { $0.severity == .error }
            let lines = errors.prefix(20).map { "\(file):\($0)" }
            let more = errors.count > 20 ? ["… and \(errors.count - 20) more"] : []
            return "\(file): \(errors.count) error(s) in the rules file; fix them (run `triage rules check \(file)`):\n"
                + (lines + more).joined(separator: "\n")
        }
    }
}
