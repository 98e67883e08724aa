import Foundation
import TriageNetwork

/// The latest `anthropic-ratelimit-*` state the API reported, with local deductions since.
public struct RateLimitSnapshot: Sendable, Hashable {
    /// One limited quantity: limit, what is left, and when it refills.
    public struct Bucket: Sendable, Hashable {
        public var limit: Int?
        public var remaining: Int?
        public var reset: Date?
    }

    public var requests = Bucket()
    public var tokens = Bucket()
    public var inputTokens = Bucket()
    public var outputTokens = Bucket()

    public init() {}

    /// Updates every bucket the headers mention; others keep their values.
    mutating func update(from headers: HTTPHeaders) {
        Self.read(&requests, "requests", headers)
        Self.read(&tokens, "tokens", headers)
        Self.read(&inputTokens, "input-tokens", headers)
        Self.read(&outputTokens, "output-tokens", headers)
    }

    private static func read(_ bucket: inout Bucket, _ name: String, _ headers: HTTPHeaders) {
        let prefix = "anthropic-ratelimit-\(name)-"
        if let limit = headers[prefix + "limit"].flatMap(Int.init) { bucket.limit = limit }
        if let remaining = headers[prefix + "remaining"].flatMap(Int.init) { bucket.remaining = remaining }
        if let reset = headers[prefix + "reset"].flatMap(RFC3339.parse) { bucket.reset = reset }
    }
}

/// RFC 3339 timestamps (`2026-11-26T01:02:03Z`, with or without fractional seconds).
enum RFC3339 {
    static func parse(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    static func format(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
