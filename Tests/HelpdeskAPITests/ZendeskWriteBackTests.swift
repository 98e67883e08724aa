import Foundation
import HelpdeskAPI
import Testing
import TriageNetwork
import TriageTestSupport

@Suite("Zendesk write-back", .serialized)
struct ZendeskWriteBackTests {
    private func client(_ fake: FakeZendeskServer) -> ZendeskClient {
        ZendeskClient(connection: HelpdeskConnection(
            vendor: "Zendesk", baseURL: fake.baseURL, credentials: .zendeskToken(email: fake.email, token: fake.token),
            transport: CurlTransport(), clock: RecordingSleeps().clock))
    }

    private let update = HelpdeskUpdate(addTags: ["triage-billing"], removeTags: ["sample"], priority: "high",
                                        customFields: ["360001234": "billing"],
                                        internalNote: "Triage: Billing, high. Reason: double charge mentioned.")

    @Test("a safe update carries the stamp just read, sets tags, priority and field, and adds an internal note")
    func appliesWithSafeUpdate() async throws {
        let fake = try await FakeZendeskServer.start(tickets: FakeHelpdeskTicket.sample(count: 3))
        defer { Task { await fake.stop() } }
        let outcome = try await client(fake).apply(update, to: "2", key: "firing-17")
        #expect(outcome == .applied)
        let writes = await fake.writes
        #expect(writes.count == 1)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(writes[0].body.utf8)) as? [String: Any])
        let ticket = try #require(body["ticket"] as? [String: Any])
        #expect(ticket["safe_update"] as? Bool == true)
        #expect(ticket["updated_stamp"] as? String != nil)
        #expect(ticket["tags"] as? [String] == ["triage-billing"])
        #expect(ticket["priority"] as? String == "high")
        #expect((ticket["custom_fields"] as? [[String: Any]])?.first?["id"] as? Int == 360001234)
        let comment = try #require(ticket["comment"] as? [String: Any])
        #expect(comment["public"] as? Bool == false)
        #expect((comment["body"] as? String)?.hasSuffix("[triage firing-17]") == true)
        let stored = await fake.tickets.first { $0.id == 2 }
        #expect(stored?.priority == "high")
        #expect(stored?.comments.last?.isPublic == false)
    }

    @Test("an agent's concurrent edit is never overwritten: 409, re-read, the agent's change kept")
    func conflictIsRetriedAfterReread() async throws {
        let fake = try await FakeZendeskServer.start(tickets: FakeHelpdeskTicket.sample(count: 3))
        defer { Task { await fake.stop() } }
        await fake.inject([.agentEditFirst], on: .write)
        let outcome = try await client(fake).apply(update, to: "1", key: "firing-18")
        #expect(outcome == .applied)
        #expect(await fake.conflicts == 1)
        let stored = try #require(await fake.tickets.first { $0.id == 1 })
        #expect(stored.tags == ["agent-edit", "triage-billing"])
        #expect(stored.comments.filter { $0.body.contains("[triage firing-18]") }.count == 1)
    }

    @Test("agents who keep editing make the write give up with a clear conflict error, nothing written")
    func conflictGivesUp() async throws {
        let fake = try await FakeZendeskServer.start(tickets: FakeHelpdeskTicket.sample(count: 1))
        defer { Task { await fake.stop() } }
        await fake.inject(Array(repeating: .agentEditFirst, count: ZendeskClient.maxConflictRetries + 1), on: .write)
        await #expect(throws: HelpdeskError.conflict(vendor: "Zendesk", path: "/api/v2/tickets/1.json")) {
            _ = try await client(fake).apply(update, to: "1", key: "firing-19")
        }
        #expect(await fake.writes.isEmpty)
        #expect(HelpdeskError.conflict(vendor: "Zendesk", path: "/api/v2/tickets/1.json").description.contains("409"))
    }

    @Test("a write whose answer was lost is not written twice when tried again")
    func lostAnswerIsNotRepeated() async throws {
        let fake = try await FakeZendeskServer.start(tickets: FakeHelpdeskTicket.sample(count: 1))
        defer { Task { await fake.stop() } }
        await fake.inject([.resetAfterProcessing], on: .write)
        await #expect(throws: HelpdeskError.self) {
            _ = try await client(fake).apply(update, to: "1", key: "firing-20")
        }
        let retried = try await client(fake).apply(update, to: "1", key: "firing-20")
        #expect(retried == .alreadyApplied)
        #expect(await fake.writes.count == 1)
        let stored = try #require(await fake.tickets.first { $0.id == 1 })
        #expect(stored.comments.filter { $0.body.contains("[triage firing-20]") }.count == 1)
    }

    @Test("tags after an update: added once, removed case-insensitively, order kept")
    func tagArithmetic() {
        let update = HelpdeskUpdate(addTags: ["VIP", "refund", "vip"], removeTags: ["Sample"])
        #expect(update.tags(after: ["sample", "vip", "urgent"]) == ["vip", "urgent", "refund"])
    }
}
