import TriageModel

// The exit statuses of the errors this module throws; the `triage` executable maps them at its entry point.

extension ConfigurationError: UserFacingError {
    public var exitStatus: ExitStatus { .configuration }
}

extension RoutingError: UserFacingError {
    /// No rules file, or one that cannot be read: configuration (78), the message names the file and the setting.
    public var exitStatus: ExitStatus { .configuration }
}

extension DigestError: UserFacingError {
    /// A mail server that refused is unavailable (69); an output file that cannot be written a failure (1); templates,
    /// the day and the mail settings are configuration (78).
    public var exitStatus: ExitStatus {
        switch self {
        case .sendFailed: .unavailable
        case .cannotWrite: .failure
        case .invalidRequest, .templatesNotFound, .mailNotConfigured: .configuration
        }
    }
}

extension ExecutiveSummaryError: UserFacingError {
    /// Claude did not write the summary (its calls are recorded): unavailable (69).
    public var exitStatus: ExitStatus { .unavailable }
}

extension SyncError: UserFacingError {
    /// A first sync without --since: configuration (78); the message says what to pass.
    public var exitStatus: ExitStatus { .configuration }
}

extension TrainingError: UserFacingError {
    public var exitStatus: ExitStatus { .failure }
}

extension BatchRecoveryError: UserFacingError {
    public var exitStatus: ExitStatus { .failure }
}
