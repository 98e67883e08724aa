import TriageModel

extension ReportsError: UserFacingError {
    /// A day, zone or template that cannot be used is configuration (78); an encoding failure is a failure (1).
    public var exitStatus: ExitStatus {
        switch self {
        case .invalidDate, .unknownTimeZone, .templateNotFound, .templateUnreadable, .templateSyntax,
             .templateNotApplicable, .unsupportedSchemaVersion: .configuration
        case .encodingFailed: .failure
        }
    }
}
