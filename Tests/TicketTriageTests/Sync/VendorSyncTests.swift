import Foundation
import HelpdeskAPI
import Logging
import Testing
import TicketTriage
import TriageImport
import TriageModel
import TriageNetwork
import TriageStore
import TriageTestSupport

@Suite("HelpdeskSync with Freshdesk and JSM", .serialized)
struct VendorSyncTests {
    private let epoch = Date(timeIntervalSince1970: 0)
    private let clock = HelpdeskClock(sleep: { _ in }, now: { Date() })

    private func run(_ store: TicketStore, _ source: any IncrementalTicketSource, since: Date?) async throws -> SyncReport {
        try await HelpdeskSync(store: store, source: source, options: ImportOptions(), logger: Logger(label: "test"))
            .run(since: since, dryRun: false)
    }

    @Test("Freshdesk: every ticket once, conversations as messages, overlap re-reads found unchanged, resumable")
    func freshdesk() async throws {
        var tickets = FakeHelpdeskTicket.sample(count: 150)
        let fake = try await FakeFreshdeskServer.start(tickets: tickets)
        defer { Task { await fake.stop() } }
        let settings = HelpdeskSettings()
        let source = try settings.source("freshdesk", environment: ["FRESHDESK_BASE_URL": fake.baseURL.absoluteString,
                                                                    "FRESHDESK_API_KEY": fake.apiKey],
                                         transport: CurlTransport(), clock: clock)
        let store = try TicketStore.inMemory()
        let report = try await run(store, source, since: epoch)
        #expect(report.error == nil)
        #expect(report.counts.new == 150 && report.counts.updated == 0)
        let stored = try store.tickets(matching: TicketFilter(limit: 1000))
        #expect(stored.count == 150 && Set(stored.map(\.externalID)).count == 150)
        let first = try store.ticket(reference: "freshdesk:1")
        #expect(first.messageCount == 2)
        #expect(first.labelDepartment == "Billing")
        #expect(first.requester?.email == "customer1@example.com")

        tickets[10].updatedAt = tickets[149].updatedAt.addingTimeInterval(600)
        tickets[10].status = "pending"
        await fake.put(tickets[10])
        let next = try await run(store, source, since: nil)
        #expect(next.counts.new == 0 && next.counts.updated == 1)
        #expect(try store.ticket(reference: "freshdesk:11").status == "pending")
    }

    @Test("JSM: issues keyed SUP-n, internal comments kept internal, the next run reads only what changed")
    func jsm() async throws {
        var tickets = FakeHelpdeskTicket.sample(count: 60, spacing: 300)
        let fake = try await FakeJSMServer.start(tickets: tickets, commentsPerIssue: 1)
        defer { Task { await fake.stop() } }
        let source = try HelpdeskSettings().source("jsm", environment: [
            "JSM_BASE_URL": fake.baseURL.absoluteString, "JSM_EMAIL": fake.email, "JSM_API_TOKEN": fake.token, "JSM_JQL": "project = SUP",
        ], transport: CurlTransport(), clock: clock)
        let store = try TicketStore.inMemory()
        let report = try await run(store, source, since: epoch)
        #expect(report.error == nil)
        #expect(report.counts.new == 60)
        let first = try store.ticket(reference: "jira:SUP-1")
        #expect(first.messageCount == 2)
        #expect(first.labelDepartment == "Billing")

        tickets[5].updatedAt = tickets[59].updatedAt.addingTimeInterval(3600)
        tickets[5].subject = "Still broken after the update"
        await fake.put(tickets[5])
        let next = try await run(store, source, since: nil)
        #expect(next.counts.updated == 1 && next.counts.new == 0)
        #expect(next.counts.total <= 3)
        #expect(try store.ticket(reference: "jira:SUP-6").subject == "Still broken after the update")
    }
}
