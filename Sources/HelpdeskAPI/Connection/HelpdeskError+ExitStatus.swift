import TriageModel

extension HelpdeskError: UserFacingError {
    /// Rejected credentials or a cursor the help desk does not accept are configuration (78); a help desk that
    /// stays unreachable or rate-limited is unavailable (69); a conflicting edit is temporary (75); the rest fails (1).
    public var exitStatus: ExitStatus {
        switch self {
        case .unauthorized, .badCursor: .configuration
        case .rateLimited, .unavailable: .unavailable
        case .conflict: .temporary
        case .status, .malformed: .failure
        }
    }
}
