/// Lets the first request of a classifier go alone and holds the others until its response arrived, so the
/// prompt-cache entry it writes exists before the run fans out (a cache entry is usable only after the first
/// response has started).
actor WarmUpGate {
    private enum State {
        case cold
        case warming([CheckedContinuation<Void, Never>])
        case warm
    }

    private var state = State.cold

    /// `true` for the one caller that must call ``open()`` after its request; others wait here until then.
    func enter() async -> Bool {
        switch state {
        case .warm:
            return false
        case .cold:
            state = .warming([])
            return true
        case .warming:
            await withCheckedContinuation { continuation in
                if case var .warming(waiting) = state {
                    waiting.append(continuation)
                    state = .warming(waiting)
                } else {
                    continuation.resume()
                }
            }
            return false
        }
    }

    /// Releases every waiting request; later ones pass straight through.
    func open() {
        if case let .warming(waiting) = state {
            for continuation in waiting { continuation.resume() }
        }
        state = .warm
    }
}
