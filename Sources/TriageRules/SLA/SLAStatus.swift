import Foundation

/// Where a ticket stands against its SLA targets; a clock is `nil` when it does not run.
public struct SLAStatus: Sendable, Hashable, Codable {
    /// One response clock.
    public struct Clock: Sendable, Hashable, Codable {
        public var dueAt: Date
        /// The reply came (or `now` is) after `dueAt`.
        public var breached: Bool
        /// Still running, not breached, and past the policy's at-risk fraction of the target.
        public var atRisk: Bool
        /// When the response came; `nil` while the clock runs.
        public var completedAt: Date?

        public init(dueAt: Date, breached: Bool, atRisk: Bool, completedAt: Date? = nil) {
            self.dueAt = dueAt
            self.breached = breached
            self.atRisk = atRisk
            self.completedAt = completedAt
        }
    }

    public var firstResponse: Clock?
    public var nextResponse: Clock?

    public init(firstResponse: Clock? = nil, nextResponse: Clock? = nil) {
        self.firstResponse = firstResponse
        self.nextResponse = nextResponse
    }

    /// The clock a `sla.<clock>.*` field reads.
    public subscript(clock: RuleField.SLAClock) -> Clock? {
        switch clock {
        case .firstResponse: firstResponse
        case .nextResponse: nextResponse
        }
    }
}
