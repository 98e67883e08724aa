import Foundation

/// How to reach the API: key, base URL, version, retries, timeouts, concurrency. A plain value.
///
/// The default API version is `2026-10-21`, sent with the key as `Authorization: Bearer`; choose
/// `2023-06-01` (and `.xAPIKey`) for the older contract. Libraries never read the environment:
/// the caller passes `ProcessInfo.processInfo.environment` to `init(environment:)`.
public struct AnthropicConfiguration: Sendable, CustomStringConvertible {
    /// How the key travels.
    public enum Authentication: String, Sendable {
        case bearer
        case xAPIKey = "x-api-key"
    }

    public static let latestAPIVersion = "2026-10-21"
    public static let legacyAPIVersion = "2023-06-01"
    public static let defaultBaseURL = URL(string: "https://api.anthropic.com")!

    public var apiKey: APIKey
    public var baseURL: URL
    public var apiVersion: String
    public var authentication: Authentication
    /// `anthropic-beta` values (sent comma-separated when non-empty).
    public var betas: [String]
    /// Retries after the first attempt (the official SDKs' default is 2).
    public var maxRetries: Int
    /// Total time for one attempt, streamed or not (the SDKs' default is 10 minutes).
    public var timeout: Duration
    public var connectTimeout: Duration
    /// Longest silence allowed on one attempt: no byte sent or received for this long aborts it (waiting for a
    /// non-streamed answer, and inside a stream, where the API pings while it works).
    public var idleTimeout: Duration
    /// The former name of ``idleTimeout``.
    public var streamIdleTimeout: Duration {
        get { idleTimeout }
        set { idleTimeout = newValue }
    }
    /// Requests in flight at once through one client.
    public var maxConcurrentRequests: Int
    /// Largest non-streamed response body read into memory.
    public var maxResponseBytes: Int

    public init(apiKey: APIKey, baseURL: URL = AnthropicConfiguration.defaultBaseURL,
                apiVersion: String = AnthropicConfiguration.latestAPIVersion, authentication: Authentication? = nil,
                betas: [String] = [], maxRetries: Int = 2, timeout: Duration = .seconds(600),
                connectTimeout: Duration = .seconds(5), streamIdleTimeout: Duration = .seconds(90),
                maxConcurrentRequests: Int = 16, maxResponseBytes: Int = 32 << 20) {
        self.apiKey = apiKey
        self.baseURL = baseURL
        self.apiVersion = apiVersion
        self.authentication = authentication ?? (apiVersion == Self.legacyAPIVersion ? .xAPIKey : .bearer)
        self.betas = betas
        self.maxRetries = maxRetries
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.idleTimeout = streamIdleTimeout
        self.maxConcurrentRequests = maxConcurrentRequests
        self.maxResponseBytes = maxResponseBytes
    }

    /// Reads `ANTHROPIC_API_KEY` and `ANTHROPIC_BASE_URL` from the given environment (same meaning as
    /// in the official SDKs); `nil` when there is no key.
    public init?(environment: [String: String]) {
        guard let key = environment["ANTHROPIC_API_KEY"], !key.isEmpty else { return nil }
        let base = environment["ANTHROPIC_BASE_URL"].flatMap { $0.isEmpty ? nil : URL(string: $0) }
        self.init(apiKey: APIKey(key), baseURL: base ?? Self.defaultBaseURL)
    }

    public var description: String {
        "AnthropicConfiguration(baseURL: \(baseURL.absoluteString), apiVersion: \(apiVersion), auth: \(authentication.rawValue), key: redacted, maxRetries: \(maxRetries))"
    }
}
