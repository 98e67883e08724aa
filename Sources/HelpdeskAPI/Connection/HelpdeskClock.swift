import Foundation

/// Time as the help desk clients see it: sleeping (rate-limit waits, retry back-off) and the wall clock,
/// injectable so tests never sleep.
public struct HelpdeskClock: Sendable {
    public var sleep: @Sendable (Duration) async throws -> Void
    public var now: @Sendable () -> Date

    public init(sleep: @escaping @Sendable (Duration) async throws -> Void, now: @escaping @Sendable () -> Date) {
        self.sleep = sleep
        self.now = now
    }

    /// Real sleeping and the system clock.
    public static let live = HelpdeskClock(sleep: { try await Task.sleep(for: $0) }, now: { Date() })
}
