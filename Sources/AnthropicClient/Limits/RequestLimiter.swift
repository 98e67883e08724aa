import Foundation
import TriageNetwork

/// Client-side throttle: a cap on requests in flight plus pauses fed by the API's rate-limit state.
///
/// Before each attempt `waitForCapacity` sleeps while a 429's `retry-after` pause runs, or while the
/// last reported `requests`/`output-tokens` bucket (less what this client has spent since, output
/// charged as `max_tokens` up front, like the API does) cannot cover the request until its reset time.
public actor RequestLimiter {
    private let maxInFlight: Int
    private let clock: ClientClock
    private var inFlight = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var pausedUntil: Date?
    /// What the API last reported, minus local spending since.
    public private(set) var snapshot = RateLimitSnapshot()

    public init(maxInFlight: Int, clock: ClientClock = .live) {
        self.maxInFlight = max(1, maxInFlight)
        self.clock = clock
    }

    /// Requests currently holding a slot.
    public var requestsInFlight: Int { inFlight }

    /// Takes a slot, waiting in FIFO order when all are taken.
    public func acquireSlot() async {
        if inFlight < maxInFlight {
            inFlight += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Returns a slot (hands it straight to the next waiter, if any).
    public func releaseSlot() {
        if waiters.isEmpty {
            inFlight -= 1
        } else {
            waiters.removeFirst().resume()
        }
    }

    /// Sleeps until the rate-limit state allows one more request reserving `outputTokens`.
    public func waitForCapacity(outputTokens: Int) async throws {
        while let until = blockedUntil(outputTokens: outputTokens) {
            let wait = until.timeIntervalSince(clock.now())
            guard wait > 0 else { break }
            try await clock.sleep(.milliseconds(Int((wait * 1000).rounded(.up))))
        }
        if let remaining = snapshot.requests.remaining { snapshot.requests.remaining = remaining - 1 }
        if let remaining = snapshot.outputTokens.remaining { snapshot.outputTokens.remaining = remaining - outputTokens }
    }

    /// Feeds a response's headers (and a 429's retry-after) into the state.
    public func record(status: Int, headers: HTTPHeaders) {
        snapshot.update(from: headers)
        if status == 429, let seconds = RetryPolicy.serverRequestedDelay(headers: headers, now: clock.now()), seconds > 0 {
            let until = clock.now().addingTimeInterval(min(seconds, 60))
            pausedUntil = max(pausedUntil ?? until, until)
        }
    }

    private func blockedUntil(outputTokens: Int) -> Date? {
        let now = clock.now()
        if let pausedUntil, pausedUntil > now { return pausedUntil }
        if let remaining = snapshot.requests.remaining, remaining <= 0, let reset = snapshot.requests.reset, reset > now {
            return reset
        }
        if let remaining = snapshot.outputTokens.remaining, remaining < outputTokens,
           let reset = snapshot.outputTokens.reset, reset > now {
            return reset
        }
        return nil
    }
}
