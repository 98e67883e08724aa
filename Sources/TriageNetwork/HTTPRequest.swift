import Foundation

/// One HTTP request: method, absolute URL, headers, optional body and per-request timeouts.
public struct HTTPRequest: Sendable {
    /// `GET`, `POST`, `DELETE`, …
    public var method: String
    public var url: URL
    public var headers: HTTPHeaders
    public var body: Data?
    /// Total time allowed for the whole exchange; `nil` uses the transport's default.
    public var timeout: Duration?
    /// Longest silence (no byte sent or received) allowed; `nil` uses the transport's default.
    public var idleTimeout: Duration?

    public init(method: String = "GET", url: URL, headers: HTTPHeaders = [:], body: Data? = nil,
                timeout: Duration? = nil, idleTimeout: Duration? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.idleTimeout = idleTimeout
    }
}
