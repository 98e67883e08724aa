import Foundation
@testable import HelpdeskAPI
import Testing
import TriageNetwork
import TriageTestSupport

@Suite("FreshdeskClient", .serialized)
struct FreshdeskClientTests {
    private func client(_ fake: FakeFreshdeskServer, sleeps: RecordingSleeps, pageSize: Int = 100) -> FreshdeskClient {
        var client = FreshdeskClient(connection: HelpdeskConnection(
            vendor: "Freshdesk", baseURL: fake.baseURL, credentials: .freshdeskKey(fake.apiKey),
            transport: CurlTransport(), clock: sleeps.clock))
        client.pageSize = pageSize
        return client
    }

    private func pullAll(_ client: FreshdeskClient, from start: SyncPosition) async throws -> [SyncPage] {
        var pages: [SyncPage] = []
        var position: SyncPosition? = start
        while let current = position, pages.count < 100 {
            let page = try await client.fetchPage(current)
            pages.append(page)
            position = page.next
        }
        return pages
    }

    @Test("pages by re-querying from the newest update of each page; every ticket arrives, conversations attached")
    func pagesToTheEnd() async throws {
        let tickets = FakeHelpdeskTicket.sample(count: 230)
        let fake = try await FakeFreshdeskServer.start(tickets: tickets)
        defer { Task { await fake.stop() } }
        let sleeps = RecordingSleeps()
        let pages = try await pullAll(client(fake, sleeps: sleeps), from: .since(Date(timeIntervalSince1970: 0)))
        let ids = pages.flatMap(\.ticketIDs)
        #expect(Set(ids) == Set(tickets.map { String($0.id) }))
        #expect(pages.last?.next == nil)
        let lists = await fake.requests.filter { $0.endpoint == .list }
        #expect(lists.allSatisfy { $0.query["order_by"] == "updated_at" && $0.query["order_type"] == "asc"
                                   && $0.query["include"] == "requester,description" })
        // Each later query starts one second before the newest update time of the page before it.
        let updated = Dictionary(uniqueKeysWithValues: tickets.map { (String($0.id), $0.updatedAt) })
        let newest = try #require(pages.first?.ticketIDs.compactMap { updated[$0] }.max())
        #expect(lists[1].query["updated_since"] == ISO8601DateFormatter().string(from: newest.addingTimeInterval(-1)))
        let document = try #require(try JSONSerialization.jsonObject(with: pages[0].document) as? [[String: Any]])
        #expect((document[0]["conversations"] as? [Any])?.count == 1)
        #expect((document[0]["requester"] as? [String: Any])?["email"] as? String == "customer1@example.com")
        #expect(sleeps.sleeps.isEmpty)
    }

    @Test("when a whole page shares one update second, paging goes on within the query instead of looping")
    func samesecondPage() async throws {
        let tickets = FakeHelpdeskTicket.sample(count: 25, spacing: 0)
        let fake = try await FakeFreshdeskServer.start(tickets: tickets)
        defer { Task { await fake.stop() } }
        let pages = try await pullAll(client(fake, sleeps: RecordingSleeps(), pageSize: 10), from: .since(Date(timeIntervalSince1970: 0)))
        // The first page moves the bound up to that second (re-read once), then paging continues inside it.
        #expect(pages.count == 4)
        #expect(Array(pages.flatMap(\.ticketIDs).dropFirst(10)) == tickets.map { String($0.id) })
        let lists = await fake.requests.filter { $0.endpoint == .list }
        #expect(lists.map { $0.query["page"] } == ["1", "1", "2", "3"])
    }

    @Test("429 with Retry-After is waited out; the rate-limit headers are observed")
    func rateLimited() async throws {
        let fake = try await FakeFreshdeskServer.start(tickets: FakeHelpdeskTicket.sample(count: 30), rateLimit: 1, retryAfter: 3)
        defer { Task { await fake.stop() } }
        let sleeps = RecordingSleeps()
        let freshdesk = client(fake, sleeps: sleeps, pageSize: 10)
        let pages = try await pullAll(freshdesk, from: .since(Date(timeIntervalSince1970: 0)))
        #expect(Set(pages.flatMap(\.ticketIDs)).count == 30)
        #expect(await fake.rateLimitedCount >= 2)
        #expect(sleeps.sleeps.allSatisfy { $0 == .seconds(3) } && !sleeps.sleeps.isEmpty)
        #expect(freshdesk.connection.observed.total == 700)
    }

    @Test("a stored position this version cannot read is refused with what to do")
    func badCursor() async throws {
        let fake = try await FakeFreshdeskServer.start()
        defer { Task { await fake.stop() } }
        await #expect(throws: HelpdeskError.badCursor(vendor: "Freshdesk", cursor: "garbage")) {
            _ = try await client(fake, sleeps: RecordingSleeps()).fetchPage(.token("garbage"))
        }
    }
}
