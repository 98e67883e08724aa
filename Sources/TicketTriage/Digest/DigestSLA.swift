import Foundation
import TriageModel
import TriageReports
import TriageRules
import TriageStore

/// The digest's SLA section: tickets whose first- or next-response target fell due during the day without an
/// answer (breaches), and open tickets past the policy's at-risk share of their target at the day's end.
///
/// Targets come from the `sla:` section of the rules file; ticket facts and priorities are read the way routing
/// reads them (`Router.subject`), so the digest and the rules agree on every clock.
public struct DigestSLA: Sendable {
    public var policy: SLAPolicy
    /// Tickets created this long before the day's start are still measured (older ones are assumed handled).
    public var lookback: TimeInterval

    public init(policy: SLAPolicy, lookback: TimeInterval = 30 * 86400) {
        self.policy = policy
        self.lookback = lookback
    }

    /// Breaches and at-risk tickets for the day `[start, end)`, most urgent first.
    public func entries(store: TicketStore, start: Date, end: Date) throws -> (breaches: [SLAEntry], atRisk: [SLAEntry]) {
        var breaches: [SLAEntry] = []
        var atRisk: [SLAEntry] = []
        var afterID: Int64 = 0
        let closed: Set<String> = ["solved", "closed", "resolved"]
        while true {
            let page = try store.routingCandidates(RoutingSelection(unroutedOnly: false, createdSince: start.addingTimeInterval(-lookback),
                                                                    afterID: afterID, limit: 2000))
            guard let last = page.last else { break }
            afterID = last.ticket.id
            for candidate in page {
                guard let created = candidate.ticket.createdAt, created < end else { continue }
                let subject = Router.subject(for: candidate, now: end)
                let priority = subject.triage?.priority ?? candidate.ticket.labelPriority.flatMap(Priority.init(exported:)) ?? .normal
                let status = policy.status(for: Self.facts(subject.ticket, asOf: end), priority: priority, now: end)
                let isOpen = !closed.contains((candidate.ticket.status ?? "open").lowercased())
                let reference = TicketReference(id: "\(candidate.ticket.source):\(candidate.ticket.externalID)",
                                                subject: candidate.ticket.subject, department: subject.triage?.department)
                for (name, clock) in [("first response", status.firstResponse), ("next response", status.nextResponse)] {
                    guard let clock, clock.completedAt == nil || clock.completedAt! > clock.dueAt else { continue }
                    if clock.breached, clock.dueAt >= start, clock.dueAt < end {
                        breaches.append(SLAEntry(ticket: reference, target: name, dueAt: clock.dueAt, priority: priority))
                    } else if isOpen, clock.atRisk, !clock.breached, clock.completedAt == nil {
                        atRisk.append(SLAEntry(ticket: reference, target: name, dueAt: clock.dueAt, priority: priority))
                    }
                }
            }
        }
        let order: (SLAEntry, SLAEntry) -> Bool = { ($0.priority.rank, $0.dueAt) < ($1.priority.rank, $1.dueAt) }
        return (breaches.sorted(by: order), atRisk.sorted(by: order))
    }

    /// `facts` as they stood at `end`: replies and customer messages after the reported day did not happen yet.
    ///
    /// A reply the next morning must not hide that the ticket was unanswered (and at risk, or breached) when the
    /// day ended. The store keeps only the latest message times, so a customer message after `end` leaves the
    /// next-response clock unknown for the day (dropped), and a last agent reply after `end` falls back to the
    /// first reply when that one was in time.
    static func facts(_ facts: TicketFacts, asOf end: Date) -> TicketFacts {
        var facts = facts
        if let reply = facts.firstAgentReplyAt, reply >= end { facts.firstAgentReplyAt = nil }
        if let reply = facts.lastAgentReplyAt, reply >= end { facts.lastAgentReplyAt = facts.firstAgentReplyAt }
        if let message = facts.lastCustomerMessageAt, message >= end { facts.lastCustomerMessageAt = nil }
        return facts
    }
}
