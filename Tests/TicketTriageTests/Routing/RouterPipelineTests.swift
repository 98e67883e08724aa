import Foundation
import Testing
@testable import TicketTriage
import TriageModel
import TriageRules
import TriageStore

/// Routing reads the next batch while it evaluates the current one on several threads and writes the previous one;
/// what it stores must be exactly what one thread, one batch at a time, stores.
@Suite struct RouterPipelineTests {
    static let rules = """
        version: 1
        rules:
          - id: billing-urgent
            when: {field: triage.department, is: Billing}
            then:
              - set_priority: urgent
              - add_tags: [money]
              - escalate: {team: finance, reason: "Billing \\"now\\""}
              - notify: {url: "http://127.0.0.1:9/hook"}
          - id: urgent-billing-to-lead
            when: {all: [{field: triage.priority, is: urgent}, {field: tags, contains: money}]}
            then:
              - escalate: {team: lead, reason: Urgent billing}
          - id: every-third
            when: {field: subject, matches: '[369]$'}
            then:
              - set_department: Sales
              - remove_tags: [money]
              - needs_human: {reason: "Check\\nthis"}
            stop: true
          - id: after-stop
            when: {field: subject, exists: true}
            then:
              - add_tags: [seen]
        """

    /// Everything routing stored, per ticket, in a comparable form.
    func snapshot(_ store: TicketStore) throws -> [String] {
        let candidates = try store.routingCandidates(RoutingSelection(unroutedOnly: false, limit: 100_000))
        let views = try store.routingViews(ticketIDs: candidates.map(\.ticket.id))
        var lines: [String] = []
        for c in candidates {
            let detail = try #require(try store.routingDetail(ticketID: c.ticket.id))
            let view = try #require(views[c.ticket.id])
            lines.append("\(c.ticket.externalID) \(c.routedHash ?? "-") \(c.routedFacts?.json ?? "-") "
                         + "\(view.department ?? "-") \(view.priority ?? "-") \(view.addedTags) \(view.removedTags) "
                         + "\(view.needsHumanReason ?? "-") \(detail.escalations ?? []) "
                         + "\((detail.firings ?? []).map { "\($0.ruleID) \($0.teams) \($0.matched)" })")
        }
        for item in try store.dueOutbox(now: .distantFuture, limit: 100_000) {
            lines.append("outbox \(item.id) \(item.target) \(item.idempotencyKey) \(item.body)")
        }
        return lines
    }

    @Test func pipelinedParallelRoutingStoresWhatSerialRoutingStores() throws {
        let rules = try RuleSet.parse(yaml: Self.rules)
        let serialStore = try RoutingFixtures.store(tickets: 700)
        var serial = Router(rules: rules)
        serial.concurrency = 1
        serial.batchSize = 10_000  // one batch: nothing overlaps
        let a = try serial.routeAll(store: serialStore, now: RoutingFixtures.now)

        let pipelinedStore = try RoutingFixtures.store(tickets: 700)
        var pipelined = Router(rules: rules)
        pipelined.concurrency = 2
        pipelined.batchSize = 450  // two batches, each split across two threads
        let b = try pipelined.routeAll(store: pipelinedStore, now: RoutingFixtures.now)
        var small = Router(rules: rules)
        small.concurrency = 3
        small.batchSize = 64       // eleven batches: reads, evaluations and writes overlap
        let smallStore = try RoutingFixtures.store(tickets: 700)
        let c = try small.routeAll(store: smallStore, now: RoutingFixtures.now)

        #expect(a.written == b.written && a.written == c.written)
        #expect(a.firingsByRule == b.firingsByRule && a.firingsByRule == c.firingsByRule)
        #expect(a.firingsByRule == ["billing-urgent": 350, "urgent-billing-to-lead": 350, "every-third": 210,
                                    "after-stop": 490])
        #expect(a.sample == b.sample && a.sample == c.sample)
        let expected = try snapshot(serialStore)
        #expect(expected.count == 700 + 350)
        #expect(try snapshot(pipelinedStore) == expected)
        #expect(try snapshot(smallStore) == expected)
    }
}
