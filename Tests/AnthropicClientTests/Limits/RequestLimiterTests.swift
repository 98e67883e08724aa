import AnthropicClient
import Foundation
import Synchronization
import Testing
import TriageNetwork
import TriageTestSupport

@Suite("RequestLimiter")
struct RequestLimiterTests {
    /// A clock whose `now` advances only when something sleeps.
    final class ManualClock: Sendable {
        let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        let sleeps = Mutex<[Duration]>([])
        var clock: ClientClock {
            ClientClock(sleep: { [self] duration in
                sleeps.withLock { $0.append(duration) }
                current.withLock { $0 = $0.addingTimeInterval(Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18) }
            }, now: { [self] in current.withLock { $0 } }, random: { 0 })
        }
    }

    @Test("no requests left until the reset time: the next request waits for it")
    func waitsForReset() async throws {
        let manual = ManualClock()
        let limiter = RequestLimiter(maxInFlight: 4, clock: manual.clock)
        let reset = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: 1_800_000_012))
        await limiter.record(status: 200, headers: [
            "anthropic-ratelimit-requests-limit": "50", "anthropic-ratelimit-requests-remaining": "0",
            "anthropic-ratelimit-requests-reset": reset,
        ])
        try await limiter.waitForCapacity(outputTokens: 100)
        #expect(manual.sleeps.withLock { $0 } == [.seconds(12)])
        #expect(await limiter.snapshot.requests.limit == 50)
    }

    @Test("output tokens are charged by max_tokens up front; a 429's retry-after does not pause the others")
    func outputTokensAnd429() async throws {
        let manual = ManualClock()
        let limiter = RequestLimiter(maxInFlight: 4, clock: manual.clock)
        let reset = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: 1_800_000_030))
        await limiter.record(status: 200, headers: [
            "anthropic-ratelimit-output-tokens-remaining": "1000", "anthropic-ratelimit-output-tokens-reset": reset,
        ])
        try await limiter.waitForCapacity(outputTokens: 600)
        #expect(manual.sleeps.withLock { $0 }.isEmpty)
        try await limiter.waitForCapacity(outputTokens: 600)
        #expect(manual.sleeps.withLock { $0 } == [.seconds(30)])

        let before = manual.sleeps.withLock { $0 }.count
        await limiter.record(status: 429, headers: ["retry-after": "5"])
        await limiter.record(status: 200, headers: [
            "anthropic-ratelimit-output-tokens-remaining": "5000", "anthropic-ratelimit-output-tokens-reset": reset,
        ])
        try await limiter.waitForCapacity(outputTokens: 1)
        #expect(manual.sleeps.withLock { $0 }.count == before)
    }

    @Test("a cancelled waiter leaves the queue without taking a slot")
    func cancelledWaiter() async throws {
        let limiter = RequestLimiter(maxInFlight: 1)
        try await limiter.acquireSlot()
        let waiter = Task { try await limiter.acquireSlot() }
        while await limiter.waitingCount < 1 { await Task.yield() }  // queued: a condition, not a sleep
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        await limiter.releaseSlot()
        #expect(await limiter.requestsInFlight == 0)
        try await limiter.acquireSlot()
        #expect(await limiter.requestsInFlight == 1)
    }

    @Test("no more than maxConcurrentRequests in flight through one client")
    func inFlightCap() async throws {
        let mock = try await MockAnthropicServer.start(options: .init(timeToFirstToken: .milliseconds(150)))
        var configuration = mock.configuration()
        configuration.maxConcurrentRequests = 2
        let client = AnthropicClient(configuration: configuration)
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<6 {
                group.addTask { _ = try await client.createMessage(MockFixture.request("ticket \(index)")) }
            }
            try await group.waitForAll()
        }
        // 6 requests of 150 ms, 2 at a time: at least 3 rounds.
        #expect(clock.now - start >= .milliseconds(440))
        #expect(await client.limiter.requestsInFlight == 0)
        await mock.stop()
    }
}
