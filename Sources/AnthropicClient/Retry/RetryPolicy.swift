import Foundation
import TriageNetwork

/// When and how long to wait before retrying, exactly as the official SDKs do it.
///
/// Retried: connection errors and timeouts, HTTP 408, 409, 429 and ≥ 500 (incl. 529) — unless the
/// response says `x-should-retry: false` (and `x-should-retry: true` forces a retry). Never retried:
/// a 429 whose `error.details.error_code` is `enforced_spend_limit_reached`. The wait is
/// `retry-after-ms`, else `retry-after` (seconds or an HTTP date) when it is within (0, 60] s, else
/// `0.5 s × 2^n` capped at 8 s, times a random factor in 0.75…1.0.
public struct RetryPolicy: Sendable {
    public var maxRetries: Int
    public var initialDelay: Double = 0.5
    public var maxDelay: Double = 8

    public init(maxRetries: Int) {
        self.maxRetries = maxRetries
    }

    /// Whether an error response should be retried (ignoring the retry budget).
    public func shouldRetry(status: Int, headers: HTTPHeaders, error: APIError?) -> Bool {
        if error?.errorCode == "enforced_spend_limit_reached" { return false }
        switch headers["x-should-retry"]?.lowercased() {
        case "true": return true
        case "false": return false
        default: break
        }
        return status == 408 || status == 409 || status == 429 || status >= 500
    }

    /// The wait before retry number `retriesSoFar + 1`.
    ///
    /// - Parameters:
    ///   - headers: the failed response's headers (`nil` after a network error).
    ///   - now: the current time, for `retry-after` given as an HTTP date.
    ///   - random: a number in 0..<1 (injectable so tests are exact).
    public func delay(retriesSoFar: Int, headers: HTTPHeaders?, now: Date, random: Double) -> Duration {
        if let headers, let seconds = Self.serverRequestedDelay(headers: headers, now: now), seconds > 0, seconds <= 60 {
            return .milliseconds(Int((seconds * 1000).rounded()))
        }
        let base = min(initialDelay * pow(2.0, Double(retriesSoFar)), maxDelay)
        let jitter = 1 - 0.25 * random
        return .milliseconds(Int((base * jitter * 1000).rounded()))
    }

    /// `retry-after-ms`, else `retry-after` as seconds or an HTTP date, in seconds.
    static func serverRequestedDelay(headers: HTTPHeaders, now: Date) -> Double? {
        if let milliseconds = headers["retry-after-ms"].flatMap(Double.init) {
            return milliseconds / 1000
        }
        guard let value = headers["retry-after"]?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(value) { return seconds }
        return HTTPDate.parse(value).map { $0.timeIntervalSince(now) }
    }
}

/// IMF-fixdate (`Wed, 21 Oct 2026 07:28:00 GMT`), as `retry-after` may carry.
enum HTTPDate {
    static func parse(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }

    static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
