import AnthropicClient
import Foundation
import Testing
import TriageNetwork

@Suite("RetryPolicy")
struct RetryPolicyTests {
    let policy = RetryPolicy(maxRetries: 2)
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func apiError(_ status: Int, _ type: String, code: String? = nil) -> APIError {
        APIError(status: status, body: APIErrorBody(type: APIErrorType(rawValue: type), message: "m", errorCode: code), requestID: nil)
    }

    @Test("which statuses are retried", arguments: [
        (400, false), (401, false), (403, false), (404, false), (408, true), (409, true), (413, false),
        (429, true), (500, true), (502, true), (504, true), (529, true),
    ])
    func retriedStatuses(status: Int, retried: Bool) {
        #expect(policy.shouldRetry(status: status, headers: [:], error: nil) == retried)
    }

    @Test("x-should-retry overrides the status; a spend-limit 429 is never retried")
    func overrides() {
        #expect(policy.shouldRetry(status: 500, headers: ["x-should-retry": "false"], error: nil) == false)
        #expect(policy.shouldRetry(status: 400, headers: ["X-Should-Retry": "true"], error: nil) == true)
        let spend = Self.apiError(429, "rate_limit_error", code: "enforced_spend_limit_reached")
        #expect(policy.shouldRetry(status: 429, headers: [:], error: spend) == false)
        #expect(policy.shouldRetry(status: 429, headers: ["x-should-retry": "true"], error: spend) == false)
    }

    @Test("backoff is 0.5 s × 2^n capped at 8 s, times 1 − 0.25 × random")
    func backoff() {
        #expect(policy.delay(retriesSoFar: 0, headers: nil, now: now, random: 0) == .milliseconds(500))
        #expect(policy.delay(retriesSoFar: 1, headers: nil, now: now, random: 0) == .milliseconds(1000))
        #expect(policy.delay(retriesSoFar: 3, headers: nil, now: now, random: 0) == .milliseconds(4000))
        #expect(policy.delay(retriesSoFar: 4, headers: nil, now: now, random: 0) == .milliseconds(8000))
        #expect(policy.delay(retriesSoFar: 9, headers: nil, now: now, random: 0) == .milliseconds(8000))
        // random 0.5 → factor 0.875; random just under 1 → factor just over 0.75.
        #expect(policy.delay(retriesSoFar: 1, headers: nil, now: now, random: 0.5) == .milliseconds(875))
        #expect(policy.delay(retriesSoFar: 0, headers: nil, now: now, random: 0.999_999) == .milliseconds(375))
    }

    @Test("retry-after-ms, then retry-after seconds or HTTP date, when within (0, 60] s")
    func serverDelays() {
        #expect(policy.delay(retriesSoFar: 0, headers: ["retry-after-ms": "1250", "retry-after": "9"], now: now, random: 0)
            == .milliseconds(1250))
        #expect(policy.delay(retriesSoFar: 0, headers: ["retry-after": "3"], now: now, random: 0) == .seconds(3))
        let date = "Wed, 18 Nov 2026 11:06:47 GMT"  // now + 7 s
        let parsedNow = Date(timeIntervalSince1970: 1_795_000_000)
        #expect(policy.delay(retriesSoFar: 0, headers: ["retry-after": date], now: parsedNow, random: 0) == .seconds(7))
        // Not sane (more than 60 s, zero, garbage): the backoff applies.
        #expect(policy.delay(retriesSoFar: 1, headers: ["retry-after": "120"], now: now, random: 0) == .milliseconds(1000))
        #expect(policy.delay(retriesSoFar: 0, headers: ["retry-after": "0"], now: now, random: 0) == .milliseconds(500))
        #expect(policy.delay(retriesSoFar: 0, headers: ["retry-after": "soon"], now: now, random: 0) == .milliseconds(500))
    }
}
