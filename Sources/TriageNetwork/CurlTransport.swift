import CCurl
import Foundation

/// `HTTPTransport` over libcurl's multi interface, driven by one dedicated thread.
///
/// All transfers share the multi handle's connection cache (keep-alive reuse, HTTP/2 multiplexing
/// where the server offers it over TLS). Nothing here blocks Swift's cooperative pool: `send`
/// suspends until the curl thread delivers the response head, and the body arrives as a stream.
/// Cancelling the calling task (or abandoning the body) aborts the transfer.
public final class CurlTransport: HTTPTransport {
    /// Connection and timeout settings shared by every request of one transport.
    public struct Configuration: Sendable {
        public var connectTimeout: Duration
        /// Default total time for one exchange (a request can override it).
        public var timeout: Duration
        /// Default longest silence on a transfer; `nil` means none (a request can override it).
        public var idleTimeout: Duration?
        /// Prefer HTTP/2 over TLS when the server offers it.
        public var allowHTTP2: Bool
        /// Connections kept per host; 0 means libcurl's default (no limit).
        public var maxConnectionsPerHost: Int
        /// A CA bundle to use instead of the system store (tests with private CAs).
        public var caBundlePath: String?
        public var userAgent: String

        public init(connectTimeout: Duration = .seconds(5), timeout: Duration = .seconds(600),
                    idleTimeout: Duration? = nil, allowHTTP2: Bool = true, maxConnectionsPerHost: Int = 0,
                    caBundlePath: String? = nil, userAgent: String = "TicketTriage/0.1") {
            self.connectTimeout = connectTimeout
            self.timeout = timeout
            self.idleTimeout = idleTimeout
            self.allowHTTP2 = allowHTTP2
            self.maxConnectionsPerHost = maxConnectionsPerHost
            self.caBundlePath = caBundlePath
            self.userAgent = userAgent
        }
    }

    public let configuration: Configuration
    private let loop: CurlMultiLoop

    public init(configuration: Configuration = Configuration()) {
        CurlGlobal.initializeOnce()
        self.configuration = configuration
        self.loop = CurlMultiLoop(maxConnectionsPerHost: configuration.maxConnectionsPerHost)
    }

    deinit {
        loop.stop()
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try Task.checkCancellation()
        let transfer = try CurlTransfer(request: request, configuration: configuration, loop: loop)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                transfer.start(headContinuation: continuation)
            }
        } onCancel: {
            transfer.cancel()
        }
    }
}

/// `curl_global_init` exactly once per process, before the first handle.
enum CurlGlobal {
    private static let initialized: Bool = {
        tt_global_init_all() == CURLE_OK
    }()

    static func initializeOnce() {
        _ = initialized
    }
}
