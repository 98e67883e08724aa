import Foundation

/// What routing decided for one ticket version, in the store's plain terms (written by `recordRouting`).
public struct RoutingRecord: Sendable, Hashable {
    /// One rule firing with what it caused.
    public struct Firing: Sendable, Hashable {
        public var ruleID: String
        /// JSON array of the matched conditions (text).
        public var matchedJSON: String
        /// JSON array of the rule's actions.
        public var actionsJSON: String
        public var escalations: [Escalation]
        public var notifications: [Notification]

        public init(ruleID: String, matchedJSON: String, actionsJSON: String,
                    escalations: [Escalation] = [], notifications: [Notification] = []) {
            self.ruleID = ruleID
            self.matchedJSON = matchedJSON
            self.actionsJSON = actionsJSON
            self.escalations = escalations
            self.notifications = notifications
        }
    }

    /// An escalation a firing asked for.
    public struct Escalation: Sendable, Hashable {
        public var team: String
        public var reason: String

        public init(team: String, reason: String) {
            self.team = team
            self.reason = reason
        }
    }

    /// A delivery to queue in the outbox: a webhook (`url` is its URL), or a help desk write (`kind` "helpdesk",
    /// `url` is `VENDOR:TICKET`, the body the write as JSON).
    public struct Notification: Sendable, Hashable {
        public var url: String
        public var body: String
        /// UNIQUE in the outbox: a second insert with the same key is ignored.
        public var idempotencyKey: String
        /// The outbox `kind`: `webhook` or `helpdesk`.
        public var kind: String

        public init(url: String, body: String, idempotencyKey: String, kind: String = "webhook") {
            self.url = url
            self.body = body
            self.idempotencyKey = idempotencyKey
            self.kind = kind
        }
    }

    public var ticketID: Int64
    public var contentHash: String
    public var firings: [Firing]
    /// JSON object of the net routing changes, or `nil` when routing changed nothing.
    public var overridesJSON: String?
    /// JSON object of the facts rules saw for this version (what the next version's `changed` compares with).
    public var factsJSON: String?

    public init(ticketID: Int64, contentHash: String, firings: [Firing], overridesJSON: String?,
                factsJSON: String? = nil) {
        self.ticketID = ticketID
        self.contentHash = contentHash
        self.firings = firings
        self.overridesJSON = overridesJSON
        self.factsJSON = factsJSON
    }
}

/// What `recordRouting` wrote (rows that already existed are not counted).
public struct RoutingWriteCounts: Sendable, Hashable, Codable {
    public var tickets = 0
    public var firings = 0
    public var escalations = 0
    public var notifications = 0
    /// Help desk writes queued (outbox rows of kind `helpdesk`).
    public var writeBacks = 0
    public init() {}
}

/// An outbox row waiting for delivery.
public struct OutboxItem: Sendable, Hashable, Codable {
    public var id: Int64
    /// `webhook` (POST to `target`) or `helpdesk` (a write into the ticket `target` = `VENDOR:TICKET`).
    public var kind: String = "webhook"
    public var target: String
    public var body: String
    public var idempotencyKey: String
    /// Attempts made so far (before this one).
    public var attempts: Int
    public var createdAt: Date

    public init(id: Int64, kind: String = "webhook", target: String, body: String, idempotencyKey: String, attempts: Int,
                createdAt: Date) {
        self.id = id
        self.kind = kind
        self.target = target
        self.body = body
        self.idempotencyKey = idempotencyKey
        self.attempts = attempts
        self.createdAt = createdAt
    }
}

/// Outbox totals.
public struct OutboxCounts: Sendable, Hashable, Codable {
    public var pending: Int
    public var delivered: Int
    public var failed: Int

    public init(pending: Int, delivered: Int, failed: Int) {
        self.pending = pending
        self.delivered = delivered
        self.failed = failed
    }
}
