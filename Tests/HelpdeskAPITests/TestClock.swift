import Foundation
import HelpdeskAPI

/// A clock that records requested sleeps and returns at once.
final class RecordingSleeps: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Duration] = []

    var sleeps: [Duration] { lock.withLock { recorded } }

    var clock: HelpdeskClock {
        HelpdeskClock(sleep: { [self] duration in lock.withLock { recorded.append(duration) } },
                      now: { Date(timeIntervalSince1970: 1_790_000_000) })
    }
}
