import Foundation
import HelpdeskAPI
import Testing
import TriageNetwork
import TriageTestSupport

@Suite("Freshdesk and JSM write-back", .serialized)
struct VendorWriteBackTests {
    private let update = HelpdeskUpdate(addTags: ["triage-billing"], removeTags: ["sample"], priority: "urgent",
                                        internalNote: "Triage: Billing, urgent.\nReason: card charged twice.")

    @Test("Freshdesk: ticket update (tags, priority code) and one private note, also when the answer was lost")
    func freshdesk() async throws {
        let fake = try await FakeFreshdeskServer.start(tickets: FakeHelpdeskTicket.sample(count: 2))
        defer { Task { await fake.stop() } }
        let client = FreshdeskClient(connection: HelpdeskConnection(
            vendor: "Freshdesk", baseURL: fake.baseURL, credentials: .freshdeskKey(fake.apiKey), transport: CurlTransport(),
            clock: RecordingSleeps().clock))
        #expect(try await client.apply(update, to: "1", key: "k1") == .applied)
        let writes = await fake.writes
        #expect(writes.map(\.method) == ["PUT", "POST"])
        let put = try #require(try JSONSerialization.jsonObject(with: Data(writes[0].body.utf8)) as? [String: Any])
        #expect(put["tags"] as? [String] == ["triage-billing"])
        #expect(put["priority"] as? Int == 4)
        let note = try #require(try JSONSerialization.jsonObject(with: Data(writes[1].body.utf8)) as? [String: Any])
        #expect(note["private"] as? Bool == true)
        #expect((note["body"] as? String)?.contains("Triage: Billing, urgent.<br>Reason") == true)

        await fake.inject([.pass, .resetAfterProcessing], on: .write)
        await #expect(throws: HelpdeskError.self) { _ = try await client.apply(update, to: "2", key: "k2") }
        #expect(try await client.apply(update, to: "2", key: "k2") == .alreadyApplied)
        let ticket = try #require(await fake.tickets.first { $0.id == 2 })
        #expect(ticket.comments.filter { $0.body.contains("[triage k2]") && !$0.isPublic }.count == 1)
    }

    @Test("JSM: labels added and removed by operation, priority by name, one internal comment")
    func jsm() async throws {
        let fake = try await FakeJSMServer.start(tickets: FakeHelpdeskTicket.sample(count: 2))
        defer { Task { await fake.stop() } }
        let client = JSMClient(connection: HelpdeskConnection(
            vendor: "Jira Service Management", baseURL: fake.baseURL, credentials: .basic(user: fake.email, password: fake.token),
            transport: CurlTransport(), clock: RecordingSleeps().clock))
        #expect(try await client.apply(update, to: "SUP-1", key: "j1") == .applied)
        #expect(try await client.apply(update, to: "SUP-1", key: "j1") == .alreadyApplied)
        let writes = await fake.writes
        #expect(writes.map(\.method) == ["PUT", "POST", "PUT"])
        let edit = try #require(try JSONSerialization.jsonObject(with: Data(writes[0].body.utf8)) as? [String: Any])
        let labels = (edit["update"] as? [String: Any])?["labels"] as? [[String: String]]
        #expect(labels == [["add": "triage-billing"], ["remove": "sample"]])
        let ticket = try #require(await fake.tickets.first { $0.id == 1 })
        #expect(ticket.tags == ["triage-billing"])
        #expect(ticket.priority == "urgent")
        #expect(ticket.comments.filter { $0.body.contains("[triage j1]") && !$0.isPublic }.count == 1)
    }
}
