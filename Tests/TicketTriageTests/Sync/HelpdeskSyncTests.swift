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

/// A source that dies after handing over `pages` pages: the next fetch succeeds on the wire and then throws, as a
/// process killed between fetching a page and committing it would.
private struct DyingSource: IncrementalTicketSource {
    var inner: any IncrementalTicketSource
    var pages: Int
    let fetched = FetchCounter()
    var name: String { inner.name }
    var format: ImportFormat { inner.format }
    var cursorKey: String { inner.cursorKey }

    func fetchPage(_ position: SyncPosition) async throws -> SyncPage {
        let page = try await inner.fetchPage(position)
        if fetched.next() > pages { throw CancellationError() }
        return page
    }
}

private final class FetchCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func next() -> Int { lock.withLock { count += 1; return count } }
}

@Suite("HelpdeskSync", .serialized)
struct HelpdeskSyncTests {
    private let epoch = Date(timeIntervalSince1970: 0)

    private func zendesk(_ fake: FakeZendeskServer, pageSize: Int = 100) -> ZendeskClient {
        var client = ZendeskClient(connection: HelpdeskConnection(
            vendor: "Zendesk", baseURL: fake.baseURL, credentials: .zendeskToken(email: fake.email, token: fake.token),
            transport: CurlTransport(), clock: HelpdeskClock(sleep: { _ in }, now: { Date() })))
        client.pageSize = pageSize
        return client
    }

    private func sync(_ store: TicketStore, _ source: any IncrementalTicketSource) -> HelpdeskSync {
        HelpdeskSync(store: store, source: source, options: ImportOptions(), logger: Logger(label: "test"))
    }

    private func externalIDs(_ store: TicketStore) throws -> [String] {
        try store.tickets(matching: TicketFilter(limit: 100_000)).map(\.externalID)
    }

    @Test("a sync stores every page to the end of the stream and keeps the cursor of the last page")
    func syncsToTheEnd() async throws {
        let tickets = FakeHelpdeskTicket.sample(count: 250)
        let fake = try await FakeZendeskServer.start(tickets: tickets)
        defer { Task { await fake.stop() } }
        let store = try TicketStore.inMemory()
        let report = try await sync(store, zendesk(fake)).run(since: epoch, dryRun: false)
        #expect(report.error == nil)
        #expect(report.pages == 3)
        #expect(report.counts == ImportCounts(new: 250))
        let ids = try externalIDs(store)
        #expect(Set(ids) == Set(tickets.map { String($0.id) }))
        let cursor = try #require(try store.syncCursor(key: report.cursorKey))
        #expect(cursor.pages == 3 && cursor.tickets == 250)
        #expect(cursor.position == report.cursor)
        // Comments arrive as messages with roles and visibility; the group is the department label.
        let first = try store.ticket(reference: "zendesk:1")
        #expect(first.messageCount == 2)
        #expect(first.labelDepartment == "Billing")
        #expect(first.requester?.email == "customer1@example.com")

        // The next run starts from the stored cursor and finds nothing new.
        let again = try await sync(store, zendesk(fake)).run(since: nil, dryRun: false)
        #expect(again.counts.total == 0)
        #expect(again.startedFrom.hasPrefix("cursor"))
    }

    @Test("a sync killed between fetching and committing a page resumes there: nothing lost, nothing twice")
    func resumesAfterAKill() async throws {
        let tickets = FakeHelpdeskTicket.sample(count: 250)
        let fake = try await FakeZendeskServer.start(tickets: tickets)
        defer { Task { await fake.stop() } }
        let store = try TicketStore.inMemory()
        let dying = DyingSource(inner: zendesk(fake), pages: 2)
        let stopped = try await sync(store, dying).run(since: epoch, dryRun: false)
        #expect(stopped.error != nil)
        #expect(stopped.pages == 2)
        #expect(try externalIDs(store).count == 200)
        // The stored cursor is the one after the second committed page, not the third fetched one.
        let cursor = try #require(try store.syncCursor(key: dying.cursorKey))
        #expect(cursor.tickets == 200)
        let exportRequests = await fake.requests.filter { $0.endpoint == .list }
        #expect(exportRequests.count == 3)
        #expect(cursor.position == exportRequests[2].query["cursor"])

        let resumed = try await sync(store, zendesk(fake)).run(since: nil, dryRun: false)
        #expect(resumed.error == nil)
        #expect(resumed.counts == ImportCounts(new: 50))
        let ids = try externalIDs(store)
        #expect(ids.count == 250 && Set(ids).count == 250)
        #expect(try store.statistics().messages == tickets.reduce(0) { $0 + $1.comments.count })
    }

    @Test("a ticket changed in the help desk is updated in place on the next sync")
    func updatesChangedTickets() async throws {
        var tickets = FakeHelpdeskTicket.sample(count: 20)
        let fake = try await FakeZendeskServer.start(tickets: tickets)
        defer { Task { await fake.stop() } }
        let store = try TicketStore.inMemory()
        _ = try await sync(store, zendesk(fake)).run(since: epoch, dryRun: false)
        tickets[3].comments.append(.init(id: 99_001, body: "Any news? It is still broken.", createdAt: tickets[19].updatedAt.addingTimeInterval(100)))
        tickets[3].updatedAt = tickets[19].updatedAt.addingTimeInterval(120)
        await fake.put(tickets[3])
        let report = try await sync(store, zendesk(fake)).run(since: nil, dryRun: false)
        #expect(report.counts == ImportCounts(updated: 1))
        #expect(try store.ticket(reference: "zendesk:4").messageCount == 3)
        #expect(try externalIDs(store).count == 20)
    }

    @Test("a dry run fetches and classifies but stores nothing and leaves the cursor alone")
    func dryRun() async throws {
        let fake = try await FakeZendeskServer.start(tickets: FakeHelpdeskTicket.sample(count: 30))
        defer { Task { await fake.stop() } }
        let store = try TicketStore.inMemory()
        let report = try await sync(store, zendesk(fake, pageSize: 25)).run(since: epoch, dryRun: true)
        #expect(report.fetched.count == 30)
        #expect(report.fetched.allSatisfy { $0.change == "new" })
        #expect(try externalIDs(store).isEmpty)
        #expect(try store.syncCursor(key: report.cursorKey) == nil)
        #expect(report.importRunID == nil)
    }

    @Test("without --since and without a stored cursor the sync refuses to guess a start")
    func needsAStart() async throws {
        let fake = try await FakeZendeskServer.start()
        defer { Task { await fake.stop() } }
        await #expect(throws: SyncError.self) {
            _ = try await sync(try TicketStore.inMemory(), zendesk(fake)).run(since: nil, dryRun: false)
        }
        #expect(await fake.requests.isEmpty)
    }

    @Test("a synced ticket and the same ticket imported later from an export file are one ticket, unchanged")
    func sharesIdentityWithFileImports() async throws {
        let fake = try await FakeZendeskServer.start(tickets: FakeHelpdeskTicket.sample(count: 12))
        defer { Task { await fake.stop() } }
        let store = try TicketStore.inMemory()
        _ = try await sync(store, zendesk(fake, pageSize: 5)).run(since: epoch, dryRun: false)

        // An export laid out as files: the incremental export page, and comments in a JSON Lines companion.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zendesk-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let transport = CurlTransport()
        let auth = "Basic " + Data("\(fake.email)/token:\(fake.token)".utf8).base64EncodedString()
        func get(_ path: String) async throws -> Data {
            let response = try await transport.send(HTTPRequest(url: URL(string: fake.baseURL.absoluteString + path)!,
                                                                headers: ["Authorization": auth]))
            return try await response.body.collect(upTo: 1 << 24)
        }
        let page = try await get("/api/v2/incremental/tickets/cursor.json?start_time=0&include=users,groups")
        try page.write(to: folder.appendingPathComponent("tickets.json"))
        var lines = ""
        for id in 1...12 {
            let object = try #require(try JSONSerialization.jsonObject(with: try await get("/api/v2/tickets/\(id)/comments.json")) as? [String: Any])
            for var comment in object["comments"] as? [[String: Any]] ?? [] {
                comment["ticket_id"] = id
                lines += String(decoding: try JSONSerialization.data(withJSONObject: comment), as: UTF8.self) + "\n"
            }
        }
        try lines.write(to: folder.appendingPathComponent("ticket_comments.jsonl"), atomically: true, encoding: .utf8)

        let report = ImportPipeline(store: store, logger: Logger(label: "test"))
            .importFile(folder.appendingPathComponent("tickets.json"), format: .zendeskJSON, options: ImportOptions())
        #expect(report.error == nil)
        #expect(report.counts == ImportCounts(unchanged: 12))
        #expect(try externalIDs(store).count == 12)
    }
}
