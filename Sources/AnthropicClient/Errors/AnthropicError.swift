import TriageNetwork

/// Why a call to the Anthropic API failed. Descriptions never contain the API key or the prompt.
public enum AnthropicError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The API answered with an error (after any retries), or sent `event: error` mid-stream.
    case api(APIError)
    /// The network failed (after `attempts` tries).
    case network(NetworkError, attempts: Int)
    /// The response could not be understood (malformed JSON, truncated stream, missing field).
    case invalidResponse(String, requestID: String?)
    /// The request cannot be sent as built (bad custom_id, streaming in a batch, …).
    case invalidRequest(String)

    public var description: String {
        switch self {
        case let .api(error):
            let request = error.requestID.map { " (request-id \($0))" } ?? ""
            let code = error.errorCode.map { " [\($0)]" } ?? ""
            let place = error.midStream ? "mid-stream " : ""
            return "Anthropic API \(place)error HTTP \(error.status) \(error.type.rawValue)\(code)\(request): \(error.message) — \(Self.advice(for: error))"
        case let .network(error, attempts):
            return "network failure after \(attempts) attempt(s): \(error)"
        case let .invalidResponse(detail, requestID):
            return "unexpected response from the Anthropic API\(requestID.map { " (request-id \($0))" } ?? ""): \(detail) — report it with the request id"
        case let .invalidRequest(detail):
            return "invalid request: \(detail)"
        }
    }

    private static func advice(for error: APIError) -> String {
        switch error.type {
        case .authentication: "check ANTHROPIC_API_KEY"
        case .permission, .billing: "check the account's plan and permissions in the Console"
        case .rateLimit where error.errorCode == "enforced_spend_limit_reached": "the monthly spend limit is reached; raise it in the Console"
        case .rateLimit: "lower the concurrency or wait"
        case .overloaded, .api, .timeout: "the API is having trouble; try again later"
        case .invalidRequest: "fix the request (model id, parameters, schema)"
        case .notFound: "check the model id or batch id"
        case .requestTooLarge: "shorten the prompt or split the batch"
        default: "see the message"
        }
    }

    /// The same error with `requestID` filled in where it was unknown.
    func with(requestID: String?) -> AnthropicError {
        switch self {
        case let .invalidResponse(detail, nil):
            return .invalidResponse(detail, requestID: requestID)
        case var .api(error) where error.requestID == nil:
            error.requestID = requestID
            return .api(error)
        default:
            return self
        }
    }
}
