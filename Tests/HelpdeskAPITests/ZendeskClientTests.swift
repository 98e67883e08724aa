import Foundation
@testable import HelpdeskAPI
import Testing
import TriageNetwork
import TriageTestSupport

@Suite("ZendeskClient", .serialized)
struct ZendeskClientTests {
    private func client(_ fake: FakeZendeskServer, sleeps: RecordingSleeps, pageSize: Int = 100,
                        token: String? = nil) -> ZendeskClient {
        var client = ZendeskClient(connection: HelpdeskConnection(
            vendor: "Zendesk", baseURL: fake.baseURL,
            credentials: .zendeskToken(email: fake.email, token: token ?? fake.token),
            transport: CurlTransport(), clock: sleeps.clock))
        client.pageSize = pageSize
        return client
    }

    private func pullAll(_ client: ZendeskClient, from start: SyncPosition) async throws -> [SyncPage] {
        var pages: [SyncPage] = []
        var position: SyncPosition? = start
        while let current = position {
            let page = try await client.fetchPage(current)
            pages.append(page)
            position = page.next
        }
        return pages
    }

    @Test("pages through the incremental export to end_of_stream with real cursors, comments attached")
    func pagesToTheEnd() async throws {
        let tickets = FakeHelpdeskTicket.sample(count: 250)
        let fake = try await FakeZendeskServer.start(tickets: tickets)
        defer { Task { await fake.stop() } }
        let sleeps = RecordingSleeps()
        let pages = try await pullAll(client(fake, sleeps: sleeps), from: .since(Date(timeIntervalSince1970: 0)))
        #expect(pages.map(\.ticketIDs.count) == [100, 100, 50])
        let ids = pages.flatMap(\.ticketIDs)
        #expect(ids == tickets.map { String($0.id) })
        #expect(Set(ids).count == 250)
        #expect(pages.last?.next == nil)
        // Each page's resume token is the cursor the next request carries.
        let requests = await fake.requests.filter { $0.endpoint == .list }
        #expect(requests.count == 3)
        #expect(requests[0].query["start_time"] == "0")
        #expect(requests[1].query["cursor"] == pages[0].resume)
        #expect(requests[2].query["cursor"] == pages[1].resume)
        #expect(requests.allSatisfy { $0.query["include"] == "users,groups" && $0.query["per_page"] == "100" })
        // The document carries comments inside each ticket and the side-loaded users and groups.
        let first = try #require(try JSONSerialization.jsonObject(with: pages[0].document) as? [String: Any])
        let firstTicket = try #require((first["tickets"] as? [[String: Any]])?.first)
        #expect((firstTicket["comments"] as? [Any])?.count == 2)
        #expect((first["users"] as? [Any])?.isEmpty == false)
        #expect((first["groups"] as? [Any])?.isEmpty == false)
        #expect(sleeps.sleeps.isEmpty)
    }

    @Test("a later pull from the last cursor returns only tickets changed since")
    func resumesFromCursor() async throws {
        let tickets = FakeHelpdeskTicket.sample(count: 30)
        let fake = try await FakeZendeskServer.start(tickets: tickets)
        defer { Task { await fake.stop() } }
        let sleeps = RecordingSleeps()
        let zendesk = client(fake, sleeps: sleeps)
        let first = try await pullAll(zendesk, from: .since(Date(timeIntervalSince1970: 0)))
        let cursor = try #require(first.last?.resume)
        var changed = tickets[4]
        changed.subject = "Changed by an agent"
        changed.updatedAt = tickets.last!.updatedAt.addingTimeInterval(600)
        await fake.put(changed)
        let second = try await pullAll(zendesk, from: .token(cursor))
        #expect(second.flatMap(\.ticketIDs) == [String(changed.id)])
        let third = try await pullAll(zendesk, from: .token(second.last!.resume))
        #expect(third.flatMap(\.ticketIDs).isEmpty)
    }

    @Test("429 is waited out for Retry-After seconds, then the pull goes on")
    func rateLimited() async throws {
        let fake = try await FakeZendeskServer.start(tickets: FakeHelpdeskTicket.sample(count: 50), rateLimit: 2, retryAfter: 7)
        defer { Task { await fake.stop() } }
        let sleeps = RecordingSleeps()
        let pages = try await pullAll(client(fake, sleeps: sleeps, pageSize: 10), from: .since(Date(timeIntervalSince1970: 0)))
        #expect(pages.flatMap(\.ticketIDs).count == 50)
        #expect(await fake.rateLimitedCount == 2)
        #expect(sleeps.sleeps == [.seconds(7), .seconds(7)])
    }

    @Test("5xx and connection resets are retried with back-off; an outage ends with a clear error")
    func faults() async throws {
        let fake = try await FakeZendeskServer.start(tickets: FakeHelpdeskTicket.sample(count: 5))
        defer { Task { await fake.stop() } }
        let sleeps = RecordingSleeps()
        await fake.inject([.status(500), .reset, .status(503)], on: .list)
        await fake.inject([.status(502)], on: .comments)
        let pages = try await pullAll(client(fake, sleeps: sleeps), from: .since(Date(timeIntervalSince1970: 0)))
        #expect(pages.flatMap(\.ticketIDs).count == 5)
        #expect(sleeps.sleeps.count == 4)

        await fake.setOutage(503)
        await #expect(throws: HelpdeskError.self) {
            _ = try await client(fake, sleeps: sleeps).fetchPage(.since(Date(timeIntervalSince1970: 0)))
        }
        do {
            _ = try await client(fake, sleeps: sleeps).fetchPage(.since(Date(timeIntervalSince1970: 0)))
        } catch {
            #expect("\(error)".contains("HTTP 503 on /api/v2/incremental/tickets/cursor.json"))
        }
    }

    @Test("wrong credentials are refused with a message that never contains them")
    func unauthorized() async throws {
        let fake = try await FakeZendeskServer.start()
        defer { Task { await fake.stop() } }
        let wrong = "zd-wrong-secret-91c2"
        do {
            _ = try await client(fake, sleeps: RecordingSleeps(), token: wrong).fetchPage(.since(Date(timeIntervalSince1970: 0)))
            Issue.record("expected a refusal")
        } catch let error as HelpdeskError {
            guard case .unauthorized(_, _, 401) = error else { Issue.record("got \(error)"); return }
            #expect(!"\(error)".contains(wrong))
            #expect(!"\(HelpdeskCredentials.zendeskToken(email: "a@b.c", token: wrong))".contains(wrong))
        }
        // The token travels only in the Authorization header, never in a URL.
        let requests = await fake.requests
        #expect(requests.allSatisfy { !$0.path.contains(wrong) && !$0.query.values.contains { $0.contains(wrong) } })
    }

    @Test("Retry-After as seconds and as an HTTP date")
    func retryAfterParsing() {
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        #expect(HelpdeskConnection.retryAfter(["Retry-After": "42"], now: now) == .seconds(42))
        // 1_790_000_030 is Mon, 21 Sep 2026 14:13:50 GMT.
        let parsed = HelpdeskConnection.retryAfter(["Retry-After": "Mon, 21 Sep 2026 14:13:50 GMT"], now: now)
        #expect(parsed == .seconds(30))
        #expect(HelpdeskConnection.retryAfter([:], now: now) == nil)
    }
}
