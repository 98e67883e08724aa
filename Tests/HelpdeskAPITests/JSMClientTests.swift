import Foundation
@testable import HelpdeskAPI
import Testing
import TriageNetwork
import TriageTestSupport

@Suite("JSMClient", .serialized)
struct JSMClientTests {
    private func client(_ fake: FakeJSMServer, pageSize: Int = 100) -> JSMClient {
        var client = JSMClient(connection: HelpdeskConnection(
            vendor: "Jira Service Management", baseURL: fake.baseURL, credentials: .basic(user: fake.email, password: fake.token),
            transport: CurlTransport(), clock: RecordingSleeps().clock), jql: "project = SUP")
        client.pageSize = pageSize
        return client
    }

    @Test("the JQL bound is written in the API user's time zone, floored to the minute")
    func queryInUserZone() {
        let since = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28 20:26:40 UTC
        let query = JSMClient.query(base: "project = SUP", since: since, timeZone: TimeZone(identifier: "Australia/Sydney")!)
        #expect(query == #"(project = SUP) AND updated >= "2026/05/29 06:26" ORDER BY updated ASC, key ASC"#)
        #expect(JSMClient.query(base: " ", since: since, timeZone: TimeZone(identifier: "UTC")!)
                == #"updated >= "2026/05/28 20:26" ORDER BY updated ASC, key ASC"#)
    }

    @Test("pulls every issue with all its comments; later queries start a minute before the newest update")
    func pagesToTheEnd() async throws {
        let tickets = FakeHelpdeskTicket.sample(count: 120, spacing: 300)
        let fake = try await FakeJSMServer.start(tickets: tickets, commentsPerIssue: 0)
        defer { Task { await fake.stop() } }
        var pages: [SyncPage] = []
        var position: SyncPosition? = .since(Date(timeIntervalSince1970: 0))
        let jsm = client(fake, pageSize: 50)
        while let current = position, pages.count < 20 {
            let page = try await jsm.fetchPage(current)
            pages.append(page)
            position = page.next
        }
        #expect(Set(pages.flatMap(\.ticketIDs)) == Set(tickets.map { "SUP-\($0.id)" }))
        let requests = await fake.requests
        #expect(requests.filter { $0.path == "/rest/api/3/myself" }.count == 1)
        let searches = requests.filter { $0.endpoint == .list }
        let first = try #require(try JSONSerialization.jsonObject(with: searches[0].body) as? [String: Any])
        #expect((first["jql"] as? String)?.hasPrefix("(project = SUP) AND updated >= ") == true)
        #expect((first["fields"] as? [String])?.contains("comment") == true)
        // Issues with more comments than the search returned had the rest fetched.
        let document = try #require(try JSONSerialization.jsonObject(with: pages[0].document) as? [String: Any])
        let issue = try #require((document["issues"] as? [[String: Any]])?.first { $0["key"] as? String == "SUP-1" })
        let comments = ((issue["fields"] as? [String: Any])?["comment"] as? [String: Any])?["comments"] as? [[String: Any]]
        #expect(comments?.count == 1)
        #expect(comments?.first?["jsdPublic"] as? Bool == false)
    }
}
