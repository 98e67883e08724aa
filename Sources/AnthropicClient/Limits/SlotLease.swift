import Synchronization

/// A slot of the `RequestLimiter` held by a stream: returned once, when the stream ends, fails, or
/// is dropped unfinished.
final class SlotLease: Sendable {
    private let limiter: RequestLimiter
    private let released = Atomic<Bool>(false)

    init(limiter: RequestLimiter) {
        self.limiter = limiter
    }

    func release() {
        guard !released.exchange(true, ordering: .acquiringAndReleasing) else { return }
        Task { [limiter] in await limiter.releaseSlot() }
    }

    deinit {
        release()
    }
}
