/// Why an HTTP exchange failed below the HTTP level. Never carries request headers or bodies.
public enum NetworkError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Which limit ran out.
    public enum TimeoutKind: String, Sendable {
        case connect, total, idle
    }

    /// The host could not be resolved or refused the connection.
    case connectionFailed(host: String, detail: String)
    /// The connection broke after it was made (reset, closed early, truncated body).
    case connectionLost(host: String, detail: String)
    case timedOut(TimeoutKind, host: String, after: Duration)
    /// TLS handshake or certificate verification failed.
    case tls(host: String, detail: String)
    /// The task was cancelled and the transfer aborted.
    case cancelled
    case invalidRequest(String)
    case bodyTooLarge(limit: Int)
    /// Any other libcurl failure, with its code.
    case transfer(code: Int, host: String, detail: String)

    public var description: String {
        switch self {
        case let .connectionFailed(host, detail):
            "could not connect to \(host): \(detail) — check the base URL and that the server is reachable"
        case let .connectionLost(host, detail):
            "connection to \(host) broke mid-exchange: \(detail) — the request can be retried"
        case let .timedOut(kind, host, after):
            "\(kind.rawValue) timeout after \(after) talking to \(host) — retry later or raise the timeout"
        case let .tls(host, detail):
            "TLS with \(host) failed: \(detail) — check the system CA store (ca-certificates)"
        case .cancelled:
            "the request was cancelled"
        case let .invalidRequest(detail):
            "invalid HTTP request: \(detail)"
        case let .bodyTooLarge(limit):
            "response body larger than \(limit) bytes — raise the limit or stream it"
        case let .transfer(code, host, detail):
            "HTTP transfer with \(host) failed (libcurl code \(code)): \(detail)"
        }
    }

    /// Whether a retry may succeed (connection problems and timeouts; not cancellation or bad requests).
    public var isTransient: Bool {
        switch self {
        case .connectionFailed, .connectionLost, .timedOut, .transfer: true
        case .tls, .cancelled, .invalidRequest, .bodyTooLarge: false
        }
    }

    /// Whether the server may have received the request (and acted on it) before this failure: `false` only
    /// when the failure happened before the request could leave (no connection, connect timeout, TLS handshake,
    /// a request that could not be built).
    public var requestMayHaveArrived: Bool {
        switch self {
        case .connectionFailed, .tls, .invalidRequest: false
        case let .timedOut(kind, _, _): kind != .connect
        case .connectionLost, .cancelled, .bodyTooLarge, .transfer: true
        }
    }
}
