import Foundation

/// What routing decided for one ticket version, in the store's terms (written by `recordRouting`).
///
/// The store owns its JSON columns: records take typed values and encode them here, when they are built — on the
/// threads that evaluate rules, not on the one writer. A firing's actions are the exception: their shape belongs to
/// the rules module, so they arrive as JSON text and are stored as they are.
public struct RoutingRecord: Sendable, Hashable {
    /// One rule firing with what it caused.
    public struct Firing: Sendable, Hashable {
        public let ruleID: String
        /// The matched conditions, as the rule engine describes them.
        public let matched: [String]
        /// JSON array of the rule's actions (`rule_firings.actions`, stored as given).
        public let actionsJSON: String
        public let escalations: [Escalation]
        public let notifications: [Notification]
        /// `rule_firings.matched`: ``matched`` as a JSON array.
        let matchedJSON: String

        public init(ruleID: String, matched: [String], actionsJSON: String,
                    escalations: [Escalation] = [], notifications: [Notification] = []) {
            self.ruleID = ruleID
            self.matched = matched
            self.actionsJSON = actionsJSON
            self.escalations = escalations
            self.notifications = notifications
            matchedJSON = JSONWriter.array(matched)
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

    public let ticketID: Int64
    public let contentHash: String
    public let firings: [Firing]
    /// The net routing changes; `nil` (or empty) when routing changed nothing.
    public let overrides: RoutingOverrides?
    /// The facts rules saw for this version (what the next version's `changed` compares with).
    public let facts: RoutedFacts?
    /// `tickets.routing_overrides` (`NULL` when nothing changed) and `tickets.routed_facts`.
    let overridesJSON: String?
    let factsJSON: String?

    public init(ticketID: Int64, contentHash: String, firings: [Firing], overrides: RoutingOverrides?,
                facts: RoutedFacts? = nil) {
        self.ticketID = ticketID
        self.contentHash = contentHash
        self.firings = firings
        self.overrides = overrides
        self.facts = facts
        overridesJSON = overrides.flatMap { $0.isEmpty ? nil : $0.json }
        factsJSON = facts?.json
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
