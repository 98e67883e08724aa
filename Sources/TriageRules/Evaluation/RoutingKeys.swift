import TriageModel

/// Stable keys that make firings and notifications idempotent across runs and crashes.
enum RoutingKeys {
    /// Same rule, same ticket, same content version → same key.
    static func firing(rule: String, subject: RuleSubject) -> String {
        var hasher = ContentHasher()
        hasher.combine("firing")
        hasher.combine(rule)
        hasher.combine(subject.ticket.source)
        hasher.combine(subject.ticket.externalID)
        hasher.combine(subject.contentHash)
        return hasher.hex
    }

    /// The firing's key plus the position of the `notify` action in the rule.
    static func notification(firingKey: String, actionIndex: Int) -> String {
        var hasher = ContentHasher()
        hasher.combine("notify")
        hasher.combine(firingKey)
        hasher.combine(String(actionIndex))
        return "tt-" + hasher.hex
    }

    /// The firing's key plus the position of the `write_back` action in the rule.
    static func writeBack(firingKey: String, actionIndex: Int) -> String {
        var hasher = ContentHasher()
        hasher.combine("write_back")
        hasher.combine(firingKey)
        hasher.combine(String(actionIndex))
        return "tt-" + hasher.hex
    }
}
