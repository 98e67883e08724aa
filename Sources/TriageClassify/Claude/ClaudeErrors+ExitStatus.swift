import TriageModel

extension ClaudeClassifierError: UserFacingError {
    /// Prompt templates and `claude:` settings are configuration (78).
    public var exitStatus: ExitStatus { .configuration }
}

extension ClaudeRunStop: UserFacingError {
    /// Credentials and the account are configuration (78); an API unreachable after retries is unavailable (69).
    public var exitStatus: ExitStatus {
        switch kind {
        case .credentials, .account: .configuration
        case .unreachable: .unavailable
        }
    }
}

extension SummaryError: UserFacingError {
    /// A stop the run would make (key, account, unreachable) keeps its status; any other failed summary means the
    /// API did not give a usable answer: unavailable (69).
    public var exitStatus: ExitStatus {
        underlying.flatMap { ClaudeRunStop($0) }?.exitStatus ?? .unavailable
    }

    public var userMessage: String { underlying.flatMap { ClaudeRunStop($0) }?.message ?? message }
}
