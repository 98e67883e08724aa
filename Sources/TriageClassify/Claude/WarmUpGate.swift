/// Lets the first request of a classifier go alone and holds the others until its response arrived, so the
/// prompt-cache entry it writes exists before the run fans out (a cache entry is usable only after the first
/// response has started).
///
/// When the warm-up request fails, the warm-up is retried: the next waiting request becomes the warmer and the
/// rest keep waiting. After ``maximumFailures`` failed warm-ups (or ``open()``) everyone passes.
actor WarmUpGate {
    private enum State {
        case cold
        /// A warmer is out; these wait (resumed with `true` when one of them must warm up next).
        case warming([CheckedContinuation<Bool, any Error>])
        case warm
        /// The run must stop: every caller gets this error.
        case stopped(any Error)
    }

    private var state = State.cold
    private var failures = 0
    let maximumFailures: Int

    init(maximumFailures: Int = 3) {
        self.maximumFailures = maximumFailures
    }

    /// `true` for the one caller that must call ``open()``, ``failed()`` or ``stop(_:)`` after its request;
    /// others wait here. Throws the error given to ``stop(_:)``.
    func enter() async throws -> Bool {
        switch state {
        case .warm:
            return false
        case let .stopped(error):
            throw error
        case .cold:
            state = .warming([])
            return true
        case .warming:
            return try await withCheckedThrowingContinuation { continuation in
                if case var .warming(waiting) = state {
                    waiting.append(continuation)
                    state = .warming(waiting)
                } else if case let .stopped(error) = state {
                    continuation.resume(throwing: error)
                } else {
                    continuation.resume(returning: false)
                }
            }
        }
    }

    /// Callers waiting for the warm-up (for tests and progress).
    var waitingCount: Int {
        if case let .warming(waiting) = state { return waiting.count }
        return 0
    }

    /// The warm-up answer says the run cannot go on (a rejected key): every waiting and later caller throws
    /// `error` instead of sending a request.
    func stop(_ error: any Error) {
        if case let .warming(waiting) = state {
            for continuation in waiting { continuation.resume(throwing: error) }
        }
        state = .stopped(error)
    }

    /// The warm-up request got its answer: releases every waiting request; later ones pass straight through.
    func open() {
        if case let .warming(waiting) = state {
            for continuation in waiting { continuation.resume(returning: false) }
        }
        state = .warm
    }

    /// The warm-up request failed: the next waiting request warms up instead (or the next caller, when none
    /// waits). After `maximumFailures` failures the gate opens.
    func failed() {
        failures += 1
        guard failures < maximumFailures else { return open() }
        guard case var .warming(waiting) = state else { return }
        if waiting.isEmpty {
            state = .cold
        } else {
            let next = waiting.removeFirst()
            state = .warming(waiting)
            next.resume(returning: true)
        }
    }
}
