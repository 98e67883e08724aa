import TriageModel
import MailParser

extension ImportError: UserFacingError {
    /// A file that cannot be read is missing input (66); a mapping file that is wrong is configuration (78); every
    /// other import error is input of the wrong format (65).
    public var exitStatus: ExitStatus {
        switch self {
        case .unreadable: .noInput
        case .badMapping: .configuration
        case .unknownFormat, .malformed, .refused, .unexpectedContent, .noTickets: .dataError
        }
    }
}

extension MailFileError: UserFacingError {
    /// A mail file or folder that cannot be read is missing input (66).
    public var exitStatus: ExitStatus { .noInput }
}

extension JSONBytesParser.SyntaxError: UserFacingError {
    /// JSON that does not parse is input of the wrong format (65).
    public var exitStatus: ExitStatus { .dataError }
}

extension XMLDocumentBroken: UserFacingError {
    var exitStatus: ExitStatus { .dataError }
}

extension XMLFieldProblem: UserFacingError {
    var exitStatus: ExitStatus { .dataError }
}

extension JSONRecordError: UserFacingError {
    var exitStatus: ExitStatus { .dataError }
}
