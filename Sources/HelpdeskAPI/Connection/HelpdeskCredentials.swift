import Foundation

/// How a help desk API authenticates this client. Never printed: `description` is redacted.
///
/// - Zendesk: `email/token:API_TOKEN` basic auth (`.basic(user: "agent@acme.com/token", password: token)`) or an
///   OAuth access token (`.bearer`).
/// - Freshdesk: the API key as the basic-auth user, `X` as the password.
/// - Jira Service Management: Atlassian account e-mail and API token as basic auth.
public enum HelpdeskCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    case basic(user: String, password: String)
    case bearer(token: String)

    /// Zendesk API-token authentication for the agent `email`.
    public static func zendeskToken(email: String, token: String) -> HelpdeskCredentials {
        .basic(user: "\(email)/token", password: token)
    }

    /// Freshdesk API-key authentication.
    public static func freshdeskKey(_ key: String) -> HelpdeskCredentials {
        .basic(user: key, password: "X")
    }

    /// The `Authorization` header value.
    var authorization: String {
        switch self {
        case let .basic(user, password): "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
        case let .bearer(token): "Bearer \(token)"
        }
    }

    /// The secret parts, for checks that nothing printed or stored contains them.
    public var secrets: [String] {
        switch self {
        case let .basic(user, password): [password, Data("\(user):\(password)".utf8).base64EncodedString()]
        case let .bearer(token): [token]
        }
    }

    public var description: String {
        switch self {
        case .basic: "basic auth (redacted)"
        case .bearer: "bearer token (redacted)"
        }
    }

    public var debugDescription: String { description }
}
