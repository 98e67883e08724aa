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
    /// Send on a new connection and close it afterwards, never on a kept-alive one: for a request that is not
    /// safe to repeat (creating a batch), so that a stale reused connection cannot make it fail after it was
    /// sent.
    public var freshConnection: Bool

    public init(method: String = "GET", url: URL, headers: HTTPHeaders = [:], body: Data? = nil,
                timeout: Duration? = nil, idleTimeout: Duration? = nil, freshConnection: Bool = false) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.idleTimeout = idleTimeout
        self.freshConnection = freshConnection
    }
}
