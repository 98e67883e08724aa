import TriageModel

extension SearchQueryError: UserFacingError {
    /// A query that cannot be run is a usage error (64): the message says what to change.
    public var exitStatus: ExitStatus { .usage }
}
