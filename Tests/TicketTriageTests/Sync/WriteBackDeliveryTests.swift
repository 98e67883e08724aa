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

/// Sync → triage → route → deliver against the fake Zendesk: rules decide what is written back, the outbox
/// delivers it exactly once per firing through faults, and an agent's concurrent edit is never overwritten.
@Suite("Write-back through the outbox", .serialized)
struct WriteBackDeliveryTests {
    static let rules = """
        rules:
          - id: billing-writeback
            when: {field: triage.department, is: Billing}
            then:
              - set_priority: high
              - write_back:
                  add_tags: [triage-billing]
                  remove_tags: [sample]
                  fields: {"360001234": "{{triage.department}}"}
                  priority: routed
                  note: true
        """
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    private func client(_ fake: FakeZendeskServer, timeout: Duration = .seconds(10)) -> ZendeskClient {
        var connection = HelpdeskConnection(
            vendor: "Zendesk", baseURL: fake.baseURL, credentials: .zendeskToken(email: fake.email, token: fake.token),
            transport: CurlTransport(), clock: HelpdeskClock(sleep: { _ in }, now: { Date() }))
        connection.requestTimeout = timeout
        return ZendeskClient(connection: connection)
    }

    private func delivery(_ fake: FakeZendeskServer, policy: DeliveryPolicy = DeliveryPolicy()) -> OutboxDelivery {
        var delivery = OutboxDelivery(transport: CurlTransport(), policy: policy, sleep: { _ in })
        let client = client(fake)
        delivery.helpdesk = HelpdeskWriteBack { vendor in
            guard vendor == "zendesk" else { throw ConfigurationError(file: "triage.yml", message: "\(vendor) is not set up") }
            return client
        }
        return delivery
    }

    /// Syncs every fake ticket into `store` and triages tickets 1 and 4 as Billing, the others as Technical Support.
    private func syncAndTriage(_ store: TicketStore, _ fake: FakeZendeskServer) async throws {
        var source = client(fake)
        source.includeComments = true
        let report = try await HelpdeskSync(store: store, source: source, options: ImportOptions(), logger: Logger(label: "test"))
            .run(since: Date(timeIntervalSince1970: 0), dryRun: false)
        #expect(report.error == nil)
        for ticket in try store.tickets(matching: TicketFilter(limit: 100)) where ticket.triage == nil {
            let billing = ticket.externalID == "1" || ticket.externalID == "4"
            _ = try store.saveTriage(ticketID: ticket.id, contentHash: ticket.contentHash,
                                     result: TriageResult(department: billing ? "Billing" : "Technical Support", priority: .normal,
                                                          sentiment: .negative, language: "en", confidence: 0.9,
                                                          summary: "Customer \(ticket.externalID) reports a problem.",
                                                          backend: .local, model: "m", promptVersion: "1"),
                                     calls: [], runID: nil, owner: nil)
        }
    }

    private func router() throws -> Router { Router(rules: try RuleSet.parse(yaml: Self.rules)) }

    private func notes(_ fake: FakeZendeskServer, _ id: Int) async -> [FakeHelpdeskTicket.Comment] {
        await fake.tickets.first { $0.id == id }?.comments.filter { $0.body.contains("[triage tt-") } ?? []
    }

    @Test("sync → route → deliver writes once per firing; routing and delivering again write nothing; a re-sync of the written tickets changes no content")
    func exactlyOncePerFiring() async throws {
        let fake = try await FakeZendeskServer.start(tickets: FakeHelpdeskTicket.sample(count: 6))
        defer { Task { await fake.stop() } }
        let store = try TicketStore.inMemory()
        try await syncAndTriage(store, fake)

        let routed = try router().routeAll(store: store, now: Self.now)
        #expect(routed.written.firings == 2)
        #expect(routed.written.writeBacks == 2)
        #expect(routed.written.notifications == 0)
        let rows = try store.outboxEntries(states: [.pending])
        #expect(rows.map(\.kind) == ["helpdesk", "helpdesk"])
        #expect(Set(rows.map(\.target)) == ["zendesk:1", "zendesk:4"])

        let first = try await delivery(fake).deliverDue(store: store)
        #expect(first.delivered == 2 && first.failedAttempts == 0)
        let writes = await fake.writes
        #expect(writes.count == 2)
        #expect(Set(writes.map(\.ticketID)) == [1, 4])
        let stored = try #require(await fake.tickets.first { $0.id == 1 })
        #expect(stored.tags == ["triage-billing"])      // `sample` removed, the new tag added
        #expect(stored.priority == "high")              // the routed priority (set_priority ran first)
        let note = try #require(await notes(fake, 1).first)
        #expect(!note.isPublic)
        #expect(note.body.contains("Summary: Customer 1 reports a problem."))
        #expect(note.body.contains("Reason: rule billing-writeback fired because triage.department is \"Billing\""))
        let body = try #require(try JSONSerialization.jsonObject(with: Data(writes[0].body.utf8)) as? [String: Any])
        let fields = (body["ticket"] as? [String: Any])?["custom_fields"] as? [[String: Any]]
        #expect(fields?.first?["value"] as? String == "Billing")

        // Routing again fires nothing; delivering again sends nothing.
        #expect(try router().routeAll(store: store, now: Self.now.addingTimeInterval(60)).written.writeBacks == 0)
        let second = try await delivery(fake).deliverDue(store: store)
        #expect(second.delivered == 0)
        #expect(await fake.writes.count == 2)

        // The written tickets come back in a sync (updated in Zendesk: tags and an internal note) with the same
        // customer content: they are not triaged or routed again, so nothing is written twice.
        let resync = try await HelpdeskSync(store: store, source: client(fake), options: ImportOptions(), logger: Logger(label: "test"))
            .run(since: Date(timeIntervalSince1970: 0), dryRun: false)
        #expect(resync.counts.updated == 2)
        #expect(try router().routeAll(store: store, now: Self.now.addingTimeInterval(120)).tickets == 0)
        #expect(await fake.writes.count == 2)
        #expect(await notes(fake, 1).count == 1)
        #expect(await notes(fake, 4).count == 1)
    }

    @Test("500, a reset after the write was applied, and a 409 on the way: each firing still writes once")
    func faultsMidDelivery() async throws {
        let fake = try await FakeZendeskServer.start(tickets: FakeHelpdeskTicket.sample(count: 6))
        defer { Task { await fake.stop() } }
        let store = try TicketStore.inMemory()
        try await syncAndTriage(store, fake)
        _ = try router().routeAll(store: store, now: Self.now)
        // Ticket 1: a 500, then the write is applied but the answer is lost. Ticket 4: an agent edits first (409).
        await fake.inject([.status(500), .resetAfterProcessing, .agentEditFirst], on: .write)
        let report = try await delivery(fake).deliverDue(store: store)
        #expect(report.delivered == 2)
        #expect(report.gaveUp == 0)
        #expect(report.failedAttempts == 2)              // the 500 and the reset; the 409 is re-read inside the write
        #expect(await fake.conflicts == 1)
        #expect(await notes(fake, 1).count == 1)
        #expect(await notes(fake, 4).count == 1)
        let agentEdited = try #require(await fake.tickets.first { $0.id == 4 })
        #expect(agentEdited.tags == ["agent-edit", "triage-billing"])   // the agent's tag is kept
        #expect(try store.outboxCounts() == OutboxCounts(pending: 0, delivered: 2, failed: 0))
    }

    @Test("a write that times out is tried again; the late original is refused by safe_update or seen by its marker: one write")
    func timeoutStillWritesOnce() async throws {
        let fake = try await FakeZendeskServer.start(tickets: FakeHelpdeskTicket.sample(count: 1))
        defer { Task { await fake.stop() } }
        let store = try TicketStore.inMemory()
        try await syncAndTriage(store, fake)
        _ = try router().routeAll(store: store, now: Self.now)
        await fake.inject([.delay(.seconds(2))], on: .write)
        var delivery = OutboxDelivery(transport: CurlTransport(), sleep: { _ in })
        let client = client(fake, timeout: .milliseconds(400))
        delivery.helpdesk = HelpdeskWriteBack { _ in client }
        let report = try await delivery.deliverDue(store: store)
        #expect(report.delivered == 1 && report.gaveUp == 0)
        // The timed-out PUT is sent again (by the connection or by the outbox); the late original still carries the
        // stamp read before the retry wrote, so it is refused with 409 when the server finally handles it.
        #expect(await fake.requests.filter { $0.endpoint == .write }.count == 2)
        let deadline = ContinuousClock.now + .seconds(20)
        while await fake.conflicts == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(await fake.conflicts == 1)
        #expect(await fake.writes.count == 1)
        #expect(await notes(fake, 1).count == 1)
    }

    @Test("agents who keep editing: the write waits for its backoff, then is given up with a 409 error; nothing is overwritten")
    func persistentConflictIsGivenUp() async throws {
        let fake = try await FakeZendeskServer.start(tickets: FakeHelpdeskTicket.sample(count: 1))
        defer { Task { await fake.stop() } }
        let store = try TicketStore.inMemory()
        try await syncAndTriage(store, fake)
        _ = try router().routeAll(store: store, now: Self.now)
        let tries = ZendeskClient.maxConflictRetries + 1
        await fake.inject(Array(repeating: .agentEditFirst, count: 2 * tries), on: .write)
        let policy = DeliveryPolicy(attemptsPerRun: 1, maxAttempts: 2)
        let first = try await delivery(fake, policy: policy).deliverDue(store: store)
        #expect(first.retryLater == 1 && first.gaveUp == 0)
        #expect(try store.outboxEntries(states: [.pending]).first?.lastError?.contains("HTTP 409") == true)
        let second = try await delivery(fake, policy: policy).deliverDue(store: store, now: { Self.now.addingTimeInterval(7200) })
        #expect(second.gaveUp == 1)
        let failed = try #require(try store.outboxEntries(states: [.failed]).first)
        #expect(failed.lastError?.contains("zendesk:1: Zendesk refused the update on /api/v2/tickets/1.json: the ticket changed since it was read (HTTP 409)") == true)
        #expect(await fake.writes.isEmpty)
        let ticket = try #require(await fake.tickets.first)
        #expect(ticket.tags == ["sample", "agent-edit"])
        #expect(await notes(fake, 1).isEmpty)
    }

    @Test("a help desk that is not configured: its rows wait untried; a 404 (ticket deleted) is given up at once")
    func notConfiguredWaitsAndNotFoundGivesUp() async throws {
        let fake = try await FakeZendeskServer.start(tickets: FakeHelpdeskTicket.sample(count: 1))
        defer { Task { await fake.stop() } }
        let store = try TicketStore.inMemory()
        try await syncAndTriage(store, fake)
        _ = try router().routeAll(store: store, now: Self.now)
        var unconfigured = OutboxDelivery(transport: CurlTransport(), sleep: { _ in })
        unconfigured.helpdesk = .configured(settings: HelpdeskSettings(), environment: [:])
        let waiting = try await unconfigured.deliverDue(store: store)
        #expect(waiting.retryLater == 1 && waiting.failedAttempts == 0)
        #expect(waiting.errors.first?.contains("waits for a zendesk connection") == true)
        #expect(waiting.errors.first?.contains("ZENDESK_BASE_URL") == true)
        #expect(try store.outboxEntries(states: [.pending]).first?.attempts == 0)
        #expect(await fake.requests.filter { $0.endpoint == .write }.isEmpty)

        await fake.inject([.status(404)], on: .any)
        let report = try await delivery(fake).deliverDue(store: store)
        #expect(report.gaveUp == 1)
        #expect(try store.outboxEntries(states: [.failed]).first?.lastError?.contains("HTTP 404") == true)
    }

    @Test("credentials from the environment are used for the write and appear nowhere in the store")
    func credentialsNeverStored() async throws {
        let fake = try await FakeZendeskServer.start(tickets: FakeHelpdeskTicket.sample(count: 4))
        defer { Task { await fake.stop() } }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("store.sqlite").path
        let store = try TicketStore(path: path)
        try await syncAndTriage(store, fake)
        _ = try router().routeAll(store: store, now: Self.now)
        var delivery = OutboxDelivery(transport: CurlTransport(), sleep: { _ in })
        let environment = ["ZENDESK_BASE_URL": fake.baseURL.absoluteString, "ZENDESK_EMAIL": fake.email,
                           "ZENDESK_API_TOKEN": fake.token]
        delivery.helpdesk = .configured(settings: HelpdeskSettings(), environment: environment,
                                        clock: HelpdeskClock(sleep: { _ in }, now: { Date() }))
        let report = try await delivery.deliverDue(store: store)
        #expect(report.delivered == 2)
        #expect(await fake.requests.filter { $0.endpoint == .write }.allSatisfy { $0.authorization?.hasPrefix("Basic ") == true })
        for file in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            let bytes = try Data(contentsOf: dir.appendingPathComponent(file))
            #expect(bytes.range(of: Data(fake.token.utf8)) == nil, "token found in \(file)")
        }
        #expect(report.errors.joined().contains(fake.token) == false)
    }

    @Test("targets: the vendor follows the ticket's source; other sources are not written to")
    func targets() {
        #expect(HelpdeskTarget.vendor(forSource: "zendesk") == "zendesk")
        #expect(HelpdeskTarget.vendor(forSource: "freshdesk") == "freshdesk")
        #expect(HelpdeskTarget.vendor(forSource: "jira") == "jsm")
        #expect(HelpdeskTarget.vendor(forSource: "mail") == nil)
        #expect(HelpdeskTarget(target: "jsm:SUP-12") == HelpdeskTarget(vendor: "jsm", ticketID: "SUP-12"))
        #expect(HelpdeskTarget(target: "https://hooks.example/x") == nil)
        #expect(TargetRedaction.host(of: "zendesk:4711") == "zendesk:4711")
    }
}
