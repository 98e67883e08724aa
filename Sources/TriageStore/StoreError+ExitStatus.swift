import TriageModel

extension StoreError: UserFacingError {
    /// A damaged or foreign file is bad input (65); a file that cannot be opened or a ticket that does not exist is
    /// missing input (66); a store another process holds is temporary (75, try again); the rest is a failure (1).
    public var exitStatus: ExitStatus {
        switch self {
        case .damaged, .notAStore: .dataError
        case .cannotOpen, .ticketNotFound: .noInput
        case .busy: .temporary
        case .newerSchema, .readOnly, .needsUpgrade, .database: .failure
        }
    }
}
