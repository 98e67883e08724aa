import Foundation
import Testing
import TicketTriage
import TriageModel
import TriageRules
import TriageStore

@Suite struct RouterTests {
    func router(_ url: String = "http://127.0.0.1:9/hook") throws -> Router {
        Router(rules: try RuleSet.parse(yaml: RoutingFixtures.rules(webhook: url)))
    }

    @Test func routesEveryTriagedTicketAndRecordsFirings() throws {
        let store = try RoutingFixtures.store(tickets: 6)
        let report = try router().routeAll(store: store, now: RoutingFixtures.now)
        #expect(report.tickets == 6)
        #expect(report.firingsByRule == ["billing-to-finance": 3, "tag-all": 6])
        #expect(report.written.firings == 9)
        #expect(report.written.escalations == 3)
        #expect(report.written.notifications == 3)
        #expect(try store.outboxCounts().pending == 3)
        let overrides = try store.routingOverrides(ticketID: try store.ticket(reference: "zendesk:2").id)
        #expect(overrides?.addedTags == ["seen"])
    }

    @Test func aRuleFiresOncePerContentVersionAcrossRoutes() throws {
        let store = try RoutingFixtures.store(tickets: 4)
        let router = try router()
        _ = try router.routeAll(store: store, now: RoutingFixtures.now)
        let second = try router.routeAll(store: store, now: RoutingFixtures.now.addingTimeInterval(60))
        #expect(second.tickets == 0)                 // nothing unrouted
        #expect(second.written.notifications == 0)
        #expect(try store.outboxCounts().pending == 2)

        // New content for ticket 2: routed again, billing fires again for the new version (one new notification).
        _ = try store.upsert([ImportedTicket(source: "zendesk", externalID: "2", subject: "Ticket 2", status: "open",
                                             messages: [ImportedMessage(externalID: "m2", role: .customer,
                                                                        text: "Still broken, please!")])], runID: nil)
        try RoutingFixtures.triage(store, "zendesk:2", department: "Billing")
        let third = try router.routeAll(store: store, now: RoutingFixtures.now.addingTimeInterval(120))
        #expect(third.tickets == 1)
        #expect(third.written.notifications == 1)
        #expect(try store.outboxCounts().pending == 3)
    }

    @Test func dryRunWritesNothing() throws {
        let store = try RoutingFixtures.store(tickets: 4)
        let report = try router().routeAll(store: store, now: RoutingFixtures.now, dryRun: true)
        #expect(report.written.firings == 6)
        #expect(try store.outboxCounts().pending == 0)
        #expect(try store.routingCandidates(RoutingSelection()).count == 4)
    }

    @Test func parallelEvaluationMatchesSerial() throws {
        let store = try RoutingFixtures.store(tickets: 900)
        var serial = try router()
        serial.concurrency = 1
        var parallel = try router()
        parallel.concurrency = 2
        let a = try serial.routeAll(store: store, now: RoutingFixtures.now, dryRun: true)
        let b = try parallel.routeAll(store: store, now: RoutingFixtures.now, dryRun: true)
        #expect(a.firingsByRule == b.firingsByRule)
        #expect(a.firingsByRule["billing-to-finance"] == 450)
    }

    @Test func explainAndFireCountsReadTheStore() throws {
        let store = try RoutingFixtures.store(tickets: 4)
        let router = try router()
        let counts = try router.fireCounts(store: store, now: RoutingFixtures.now)
        #expect(counts.tickets == 4)
        #expect(counts.counts.map(\.ruleID) == ["billing-to-finance", "tag-all"])
        #expect(counts.counts.map(\.fired) == [2, 4])
        _ = try router.routeAll(store: store, now: RoutingFixtures.now)
        let explanation = try router.explain(store: store, reference: "zendesk:2", now: RoutingFixtures.now)
        #expect(explanation.verdicts.map(\.status) == [.alreadyFired, .alreadyFired])
        let other = try router.explain(store: store, reference: "zendesk:1", now: RoutingFixtures.now)
        #expect(other.verdicts.first?.status == .notMatched)
    }
}
