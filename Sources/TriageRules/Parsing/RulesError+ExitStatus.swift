import TriageModel

extension RulesError: UserFacingError {
    /// A rules file with errors is configuration (78); the message lists each problem with line and column.
    public var exitStatus: ExitStatus { .configuration }
}
