import Foundation
import TriageNetwork

/// Client-side throttle: a cap on requests in flight plus pauses fed by the API's rate-limit state.
///
/// Before each attempt `waitForCapacity` sleeps while the last reported `requests`/`output-tokens` bucket
/// (less what this client has spent since, output charged as `max_tokens` up front, like the API does)
/// cannot cover the request until its reset time. A 429's `retry-after` is not a pause for everyone: the
/// request that got it waits that long in its own retry (`RetryPolicy`), and the others keep their own
/// (often shorter) `retry-after-ms`.
public actor RequestLimiter {
    private let maxInFlight: Int
    private let clock: ClientClock
    private var inFlight = 0
    private var waiters: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextWaiterID = 0
    /// Reset timestamps already parsed (they repeat for a whole rate-limit window).
    private var parsedDates: [String: Date] = [:]
    /// What the API last reported, minus local spending since.
    public private(set) var snapshot = RateLimitSnapshot()

    public init(maxInFlight: Int, clock: ClientClock = .live) {
        self.maxInFlight = max(1, maxInFlight)
        self.clock = clock
    }

    /// Requests currently holding a slot.
    public var requestsInFlight: Int { inFlight }
    /// Callers waiting in ``acquireSlot()`` for a slot (for tests and progress).
    public var waitingCount: Int { waiters.count }

    /// Takes a slot, waiting in FIFO order when all are taken; a cancelled waiter leaves the queue
    /// and throws `CancellationError`.
    public func acquireSlot() async throws {
        if inFlight < maxInFlight {
            inFlight += 1
            return
        }
        let id = nextWaiterID
        nextWaiterID += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters.append((id, continuation))
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    /// Returns a slot (hands it straight to the next waiter, if any).
    public func releaseSlot() {
        if waiters.isEmpty {
            inFlight -= 1
        } else {
            waiters.removeFirst().continuation.resume()
        }
    }

    private func cancelWaiter(_ id: Int) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
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

    /// Feeds a response's rate-limit headers into the state.
    public func record(status: Int, headers: HTTPHeaders) {
        snapshot.update(from: headers, parseDate: parseDate)
    }

    private func parseDate(_ text: String) -> Date? {
        if let known = parsedDates[text] { return known }
        guard let date = RFC3339.parse(text) else { return nil }
        if parsedDates.count > 32 { parsedDates.removeAll() }
        parsedDates[text] = date
        return date
    }

    private func blockedUntil(outputTokens: Int) -> Date? {
        let now = clock.now()
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
