import Foundation

/// A triaged ticket as routing reads it: the stored ticket (with its triage result), the customer-visible text,
/// the SLA timestamps and the rules already fired for its current content version.
public struct RoutingCandidate: Sendable, Hashable {
    /// Without messages; `triage` is the result for the current content version.
    public var ticket: StoredTicket
    /// The customer text rules search (`TicketMessageFacts.text`, computed in SQL).
    public var text: String
    public var lastAgentReplyAt: Date?
    /// Rule ids with a firing recorded for (ticket, current content hash).
    public var firedRuleIDs: Set<String>
    /// The content hash rules last ran on; `nil` when never routed.
    public var routedHash: String?
    /// `tickets.routed_facts` as stored; decoded only when asked for (``routedFacts``).
    let routedFactsJSON: String?

    /// The rule-visible facts of the version rules last ran on (written with ``routedHash`` by `recordRouting`);
    /// `nil` when never routed or not a shape this version reads. `changed` conditions compare against it.
    public var routedFacts: RoutedFacts? { routedFactsJSON.flatMap(RoutedFacts.decode) }

    init(ticket: StoredTicket, text: String, lastAgentReplyAt: Date?, firedRuleIDs: Set<String>,
         routedHash: String?, routedFactsJSON: String? = nil) {
        self.ticket = ticket
        self.text = text
        self.lastAgentReplyAt = lastAgentReplyAt
        self.firedRuleIDs = firedRuleIDs
        self.routedHash = routedHash
        self.routedFactsJSON = routedFactsJSON
    }
}

/// Which tickets `TicketStore.routingCandidates(_:)` returns.
public struct RoutingSelection: Sendable, Hashable {
    /// Only tickets whose current content version was not routed yet (`triage route`); `false` for dry statistics.
    public var unroutedOnly: Bool
    public var createdSince: Date?
    /// Store ids strictly greater than this (keyset paging).
    public var afterID: Int64
    public var limit: Int

    public init(unroutedOnly: Bool = true, createdSince: Date? = nil, afterID: Int64 = 0, limit: Int = 1000) {
        self.unroutedOnly = unroutedOnly
        self.createdSince = createdSince
        self.afterID = afterID
        self.limit = limit
    }
}
