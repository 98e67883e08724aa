import TriageModel

extension LocalModelError: UserFacingError {
    /// A model file that is missing is missing input (66); an option or pattern that is wrong is configuration (78);
    /// too few labels or an unusable model file is a failure (1): train again.
    public var exitStatus: ExitStatus {
        switch self {
        case .io: .noInput
        case .invalidOption, .invalidRedactionPattern: .configuration
        case .notEnoughLabels, .notAModelFile, .unsupportedFormatVersion, .corrupt: .failure
        }
    }
}
