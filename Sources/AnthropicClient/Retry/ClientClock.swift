import Foundation

/// Time as the client sees it: sleeping, the wall clock and randomness, injectable so tests never sleep.
public struct ClientClock: Sendable {
    public var sleep: @Sendable (Duration) async throws -> Void
    public var now: @Sendable () -> Date
    /// A number in 0..<1 (retry jitter).
    public var random: @Sendable () -> Double

    public init(sleep: @escaping @Sendable (Duration) async throws -> Void,
                now: @escaping @Sendable () -> Date,
                random: @escaping @Sendable () -> Double) {
        self.sleep = sleep
        self.now = now
        self.random = random
    }

    /// Real sleeping, the system clock and system randomness.
    public static let live = ClientClock(
        sleep: { try await Task.sleep(for: $0) },
        now: { Date() },
        random: { Double.random(in: 0..<1) }
    )
}
