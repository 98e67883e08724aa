import Foundation
import HelpdeskAPI
import Logging
import Testing
import TicketTriage
import TriageImport
import TriageModel
import TriageNetwork
import TriageRules
import TriageStore
import TriageTestSupport

/// Freshdesk and JSM through the same path as Zendesk: the ticket's source picks the help desk (`jira` → `jsm`),
/// the clients are built from the environment as `triage sync` builds them, and each firing writes once.
@Suite("Write-back to Freshdesk and JSM through the outbox", .serialized)
struct VendorWriteBackDeliveryTests {
    private let clock = HelpdeskClock(sleep: { _ in }, now: { Date() })
    private let rules = """
        rules:
          - id: billing
            when: {field: triage.department, is: Billing}
            then:
              - write_back: {add_tags: [triage-billing], priority: urgent, note: "Billing: {{triage.summary}}"}
        """

    /// Syncs, triages every ticket as Billing, routes; returns the store.
    private func syncTriageRoute(_ vendor: String, environment: [String: String]) async throws -> TicketStore {
        let source = try HelpdeskSettings().source(vendor, environment: environment, transport: CurlTransport(), clock: clock)
        let store = try TicketStore.inMemory()
        let report = try await HelpdeskSync(store: store, source: source, options: ImportOptions(), logger: Logger(label: "test"))
            .run(since: Date(timeIntervalSince1970: 0), dryRun: false)
        #expect(report.error == nil)
        for ticket in try store.tickets(matching: TicketFilter(limit: 100)) {
            _ = try store.saveTriage(ticketID: ticket.id, contentHash: ticket.contentHash,
                                     result: TriageResult(department: "Billing", priority: .normal, sentiment: .neutral,
                                                          language: "en", confidence: 0.9, summary: "Charged twice.",
                                                          backend: .local, model: "m", promptVersion: "1"),
                                     calls: [], runID: nil, owner: nil)
        }
        let routed = try Router(rules: try RuleSet.parse(yaml: rules)).routeAll(store: store, now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(routed.written.writeBacks == 3)
        return store
    }

    private func delivery(_ environment: [String: String]) -> OutboxDelivery {
        var delivery = OutboxDelivery(transport: CurlTransport(), sleep: { _ in })
        delivery.helpdesk = .configured(settings: HelpdeskSettings(), environment: environment, clock: clock)
        return delivery
    }

    @Test("Freshdesk: an update and a private note per ticket, once; a 503 on the way is retried")
    func freshdesk() async throws {
        let fake = try await FakeFreshdeskServer.start(tickets: FakeHelpdeskTicket.sample(count: 3))
        defer { Task { await fake.stop() } }
        let env = ["FRESHDESK_BASE_URL": fake.baseURL.absoluteString, "FRESHDESK_API_KEY": fake.apiKey]
        let store = try await syncTriageRoute("freshdesk", environment: env)
        #expect(Set(try store.outboxEntries(states: [.pending]).map(\.target)) == ["freshdesk:1", "freshdesk:2", "freshdesk:3"])
        await fake.inject([.status(503)], on: .write)
        let report = try await delivery(env).deliverDue(store: store)
        #expect(report.delivered == 3 && report.gaveUp == 0)
        #expect(try await delivery(env).deliverDue(store: store).delivered == 0)
        let writes = await fake.writes
        #expect(writes.filter { $0.method == "PUT" }.count == 3)
        let notes = writes.filter { $0.method == "POST" }
        #expect(notes.count == 3 && Set(notes.map(\.ticketID)) == [1, 2, 3])
        #expect(notes.allSatisfy { $0.body.contains(#""private":true"#) && $0.body.contains("Billing: Charged twice.") })
    }

    @Test("JSM: tickets stored as jira:SUP-n are written to JSM with a field edit and one internal comment each")
    func jsm() async throws {
        let fake = try await FakeJSMServer.start(tickets: FakeHelpdeskTicket.sample(count: 3), commentsPerIssue: 1)
        defer { Task { await fake.stop() } }
        let env = ["JSM_BASE_URL": fake.baseURL.absoluteString, "JSM_EMAIL": fake.email, "JSM_API_TOKEN": fake.token,
                   "JSM_JQL": "project = SUP"]
        let store = try await syncTriageRoute("jsm", environment: env)
        #expect(Set(try store.outboxEntries(states: [.pending]).map(\.target)) == ["jsm:SUP-1", "jsm:SUP-2", "jsm:SUP-3"])
        let report = try await delivery(env).deliverDue(store: store)
        #expect(report.delivered == 3)
        let writes = await fake.writes
        #expect(writes.filter { $0.method == "PUT" }.count == 3)
        let comments = writes.filter { $0.method == "POST" }
        #expect(comments.count == 3)
        #expect(comments.allSatisfy { $0.body.contains("sd.public.comment") && $0.body.contains(#""internal":true"#) })
        #expect(writes.filter { $0.method == "PUT" }.allSatisfy { $0.body.contains("Highest") && $0.body.contains("triage-billing") })
    }
}
