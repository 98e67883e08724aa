import AnthropicClient
import Foundation
import Synchronization

/// A `ClientClock` that records every requested sleep, sleeps at most `cap` for real, and uses a
/// fixed random number, so retry waits are exact and tests stay fast.
final class RecordingClock: Sendable {
    private let recorded = Mutex<[Duration]>([])
    let cap: Duration
    let randomValue: Double

    init(cap: Duration = .milliseconds(1), random: Double = 0) {
        self.cap = cap
        self.randomValue = random
    }

    var sleeps: [Duration] { recorded.withLock { $0 } }

    var clock: ClientClock {
        ClientClock(
            sleep: { [self] duration in
                recorded.withLock { $0.append(duration) }
                try await Task.sleep(for: min(duration, cap))
            },
            now: { Date() },
            random: { [randomValue] in randomValue }
        )
    }
}
