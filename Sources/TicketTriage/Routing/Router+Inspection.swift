import Foundation
import TriageRules
import TriageStore

extension Router {
    /// How often each rule would fire over the stored triaged tickets (created since `since`), ignoring what has
    /// already fired: `triage rules test`. Rules are listed in file order.
    public func fireCounts(store: TicketStore, since: Date? = nil, now: Date = Date()) throws -> (tickets: Int, counts: [(ruleID: String, fired: Int)]) {
        var totals: [String: Int] = [:]
        var tickets = 0
        var afterID: Int64 = 0
        while true {
            let candidates = try store.routingCandidates(RoutingSelection(unroutedOnly: false, createdSince: since,
                                                                          afterID: afterID, limit: batchSize))
            guard let last = candidates.last else { break }
            afterID = last.ticket.id
            tickets += candidates.count
            for (ruleID, fired) in engine.fireCounts(over: candidates.map { Self.subject(for: $0, now: now) }) {
                totals[ruleID, default: 0] += fired
            }
        }
        return (tickets, engine.rules.rules.map { ($0.id, totals[$0.id] ?? 0) })
    }

    /// Every rule's verdict for one stored ticket (`triage rules explain`); rules already fired for its content
    /// version show as such.
    public func explain(store: TicketStore, reference: String, now: Date = Date()) throws -> RuleExplanation {
        let candidate = try store.routingCandidate(reference: reference)
        return engine.explain(Self.subject(for: candidate, now: now), alreadyFired: candidate.firedRuleIDs)
    }
}
