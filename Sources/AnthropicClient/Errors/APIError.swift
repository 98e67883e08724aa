import Foundation

/// The `error` object of an error response or of a stream `error` event.
public struct APIErrorBody: Sendable, Hashable, Codable {
    public var type: APIErrorType
    public var message: String
    /// `error.details.error_code` (e.g. `enforced_spend_limit_reached`), when present.
    public var errorCode: String?

    public init(type: APIErrorType, message: String, errorCode: String? = nil) {
        self.type = type
        self.message = message
        self.errorCode = errorCode
    }

    private enum CodingKeys: String, CodingKey { case type, message, details }
    private enum DetailKeys: String, CodingKey { case errorCode = "error_code" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(APIErrorType.self, forKey: .type)
        message = try container.decodeIfPresent(String.self, forKey: .message) ?? ""
        let details = try? container.nestedContainer(keyedBy: DetailKeys.self, forKey: .details)
        errorCode = try details?.decodeIfPresent(String.self, forKey: .errorCode)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(message, forKey: .message)
        if let errorCode {
            var details = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .details)
            try details.encode(errorCode, forKey: .errorCode)
        }
    }
}

/// An error the API returned: HTTP status, `error.type`, message and `request-id`.
public struct APIError: Sendable, Hashable {
    /// The HTTP status (200 for an `error` event inside a stream).
    public var status: Int
    public var type: APIErrorType
    public var message: String
    public var errorCode: String?
    public var requestID: String?
    /// True when the error arrived as an `event: error` after the stream had started.
    public var midStream: Bool

    public init(status: Int, body: APIErrorBody, requestID: String?, midStream: Bool = false) {
        self.status = status
        self.type = body.type
        self.message = body.message
        self.errorCode = body.errorCode
        self.requestID = requestID
        self.midStream = midStream
    }

    /// Parses an error response body; a non-JSON body (a proxy's 413 page) gets the type its status implies and
    /// is reduced to its title or first line (``ErrorPage/summary(of:)``): never a whole page in logs or the store.
    static func from(status: Int, body: Data, requestID: String?) -> APIError {
        struct Envelope: Decodable {
            var error: APIErrorBody
            var requestID: String?
            enum CodingKeys: String, CodingKey {
                case error
                case requestID = "request_id"
            }
        }
        if let envelope = try? AnthropicJSON.decoder().decode(Envelope.self, from: body) {
            return APIError(status: status, body: envelope.error, requestID: requestID ?? envelope.requestID)
        }
        return APIError(status: status, body: APIErrorBody(type: APIErrorType(status: status), message: ErrorPage.summary(of: body)),
                        requestID: requestID)
    }
}

/// `error.type`, by the status that usually carries it.
public enum APIErrorType: OpenStringEnum {
    case invalidRequest, authentication, billing, permission, notFound, conflict, requestTooLarge
    case rateLimit, api, timeout, overloaded
    case unknown(String)

    private static let names: [(APIErrorType, String, Int)] = [
        (.invalidRequest, "invalid_request_error", 400), (.authentication, "authentication_error", 401),
        (.billing, "billing_error", 402), (.permission, "permission_error", 403), (.notFound, "not_found_error", 404),
        (.conflict, "conflict_error", 409), (.requestTooLarge, "request_too_large", 413),
        (.rateLimit, "rate_limit_error", 429), (.api, "api_error", 500), (.timeout, "timeout_error", 504),
        (.overloaded, "overloaded_error", 529),
    ]

    public init(rawValue: String) {
        self = Self.names.first { $0.1 == rawValue }?.0 ?? .unknown(rawValue)
    }

    /// The type an error status implies when the body is not the API's JSON.
    public init(status: Int) {
        self = Self.names.first { $0.2 == status }?.0 ?? (status >= 500 ? .api : .unknown("http_\(status)"))
    }

    public var rawValue: String {
        if case let .unknown(raw) = self { return raw }
        return Self.names.first { $0.0 == self }?.1 ?? ""
    }
}
