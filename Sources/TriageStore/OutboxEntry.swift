import Foundation

/// An outbox row as `triage outbox list` shows it: its delivery history, without the body.
public struct OutboxEntry: Sendable, Hashable, Codable {
    /// Where a row is in its life.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        /// Not delivered and not given up: the next delivery run sends it once `nextAttemptAt` has passed.
        case pending
        case delivered
        /// Delivery gave up (a 4xx answer, or too many attempts); kept for inspection and `retry`.
        case failed

        var sqlCondition: String {
            switch self {
            case .pending: "(o.delivered_at IS NULL AND o.failed_at IS NULL)"
            case .delivered: "o.delivered_at IS NOT NULL"
            case .failed: "(o.failed_at IS NOT NULL AND o.delivered_at IS NULL)"
            }
        }
    }

    public var id: Int64
    /// `webhook` (or `email`).
    public var kind: String
    /// The full target URL. It may hold secrets (tokens in the path, query or user info): show its host only.
    public var target: String
    /// The rule whose firing queued the row, when the firing is still stored.
    public var ruleID: String?
    /// `source:external_id` of the ticket, when the firing is still stored.
    public var ticket: String?
    public var createdAt: Date
    public var attempts: Int
    public var lastError: String?
    public var nextAttemptAt: Date?
    public var deliveredAt: Date?
    public var failedAt: Date?

    public var state: State {
        if deliveredAt != nil { return .delivered }
        return failedAt != nil ? .failed : .pending
    }

    public init(id: Int64, kind: String, target: String, ruleID: String? = nil, ticket: String? = nil,
                createdAt: Date, attempts: Int = 0, lastError: String? = nil, nextAttemptAt: Date? = nil,
                deliveredAt: Date? = nil, failedAt: Date? = nil) {
        self.id = id
        self.kind = kind
        self.target = target
        self.ruleID = ruleID
        self.ticket = ticket
        self.createdAt = createdAt
        self.attempts = attempts
        self.lastError = lastError
        self.nextAttemptAt = nextAttemptAt
        self.deliveredAt = deliveredAt
        self.failedAt = failedAt
    }
}
