import Foundation

/// Timeouts, retries and backoff for webhook delivery.
public struct DeliveryPolicy: Sendable, Hashable {
    /// Total time one POST may take.
    public var timeout: Duration = .seconds(10)
    /// Attempts per row within one `deliverDue` call (then the row waits for its backoff and the next run).
    public var attemptsPerRun = 3
    /// Attempts in all before a row is given up (marked failed, kept for inspection).
    public var maxAttempts = 12
    /// Backoff after the first failed attempt; doubles per attempt up to ``maxBackoff``.
    public var initialBackoff: Duration = .milliseconds(500)
    public var maxBackoff: Duration = .seconds(3600)

    public init(timeout: Duration = .seconds(10), attemptsPerRun: Int = 3, maxAttempts: Int = 12,
                initialBackoff: Duration = .milliseconds(500), maxBackoff: Duration = .seconds(3600)) {
        self.timeout = timeout
        self.attemptsPerRun = attemptsPerRun
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
    }

    /// The wait after `attempts` failed attempts: initial × 2^(attempts-1), capped.
    public func backoff(afterAttempts attempts: Int) -> Duration {
        let factor = Double(1 << min(max(attempts - 1, 0), 30))
        let seconds = min(Self.seconds(initialBackoff) * factor, Self.seconds(maxBackoff))
        return .milliseconds(Int64(seconds * 1000))
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// What backoff and "unreachable" apply to: scheme, host and port (the scheme's default port when none is
    /// given), so one dead receiver does not hold back another on the same host.
    public static func targetKey(_ target: String) -> String {
        guard let components = URLComponents(string: target), let host = components.host?.lowercased() else { return target }
        let scheme = components.scheme?.lowercased() ?? ""
        let port = components.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : 0)
        return "\(scheme)://\(host):\(port)"
    }

    /// Whether an HTTP status is worth retrying: 5xx, 408 and 429. Other 4xx are the request's fault.
    public static func isRetryable(status: Int) -> Bool {
        status >= 500 || status == 408 || status == 429
    }
}
