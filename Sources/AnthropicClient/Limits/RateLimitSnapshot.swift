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

    /// Updates every bucket the headers mention; others keep their values. `parseDate` reads the
    /// RFC 3339 reset times (the limiter memoizes it: the same reset repeats for a whole window).
    mutating func update(from headers: HTTPHeaders, parseDate: (String) -> Date? = RFC3339.parse) {
        for field in headers {
            let name = field.name.lowercased()
            guard name.hasPrefix("anthropic-ratelimit-") else { continue }
            let rest = name.dropFirst("anthropic-ratelimit-".count)
            // Longest names first so `tokens` does not capture `input-tokens-…`.
            for bucketName in ["output-tokens", "input-tokens", "requests", "tokens"] where rest.hasPrefix(bucketName + "-") {
                let property = rest.dropFirst(bucketName.count + 1)
                var bucket = self.bucket(named: bucketName)
                switch property {
                case "limit": bucket.limit = Int(field.value) ?? bucket.limit
                case "remaining": bucket.remaining = Int(field.value) ?? bucket.remaining
                case "reset": bucket.reset = parseDate(field.value) ?? bucket.reset
                default: break
                }
                setBucket(bucket, named: bucketName)
                break
            }
        }
    }

    private func bucket(named name: String) -> Bucket {
        switch name {
        case "output-tokens": outputTokens
        case "input-tokens": inputTokens
        case "requests": requests
        default: tokens
        }
    }

    private mutating func setBucket(_ bucket: Bucket, named name: String) {
        switch name {
        case "output-tokens": outputTokens = bucket
        case "input-tokens": inputTokens = bucket
        case "requests": requests = bucket
        default: tokens = bucket
        }
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
