import AnthropicClient
import TriageClassify
import TriageModel
import TriageNetwork

// Errors of the modules that do not depend on TriageModel (the HTTP transport and the Anthropic client): their
// exit statuses, declared here once. (The mail parser's file errors are mapped in TriageImport, which reads mail.)

extension NetworkError: UserFacingError {
    /// A service that cannot be reached is unavailable (69); a request this side could not build is a failure (1).
    public var exitStatus: ExitStatus {
        switch self {
        case .connectionFailed, .connectionLost, .timedOut, .tls, .transfer: .unavailable
        case .cancelled, .invalidRequest, .bodyTooLarge: .failure
        }
    }
}

extension AnthropicError: UserFacingError {
    /// As `ClaudeRunStop` decides for a run: key and account problems are configuration (78), an API unreachable
    /// after retries unavailable (69); any other API answer is unavailable too, a request this side could not
    /// build a failure (1).
    public var exitStatus: ExitStatus {
        if let stop = ClaudeRunStop(self) { return stop.exitStatus }
        switch self {
        case .api, .network, .invalidResponse: return .unavailable
        case .invalidRequest: return .failure
        }
    }
}

extension SMTPError: UserFacingError {
    /// A wrong server URL or address is configuration (78); a refusing or unreachable server unavailable (69).
    public var exitStatus: ExitStatus {
        switch self {
        case .invalidServer, .invalidAddress: .configuration
        case .transfer: .unavailable
        }
    }
}
