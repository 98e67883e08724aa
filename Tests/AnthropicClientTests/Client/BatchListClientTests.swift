import AnthropicClient
import Foundation
import Testing
import TriageNetwork
import TriageTestSupport

@Suite("Listing Message Batches against the fake")
struct BatchListClientTests {
    /// Creates `count` one-request batches; returns their ids, oldest first.
    static func createBatches(_ count: Int, _ fixture: MockFixture) async throws -> [String] {
        var ids: [String] = []
        for index in 0..<count {
            ids.append(try await fixture.client.createBatch([BatchRequest(customID: "b\(index)", params: MockFixture.request())]).id)
        }
        return ids
    }

    @Test("pages newest first with after_id until has_more is false, and back with before_id")
    func pagination() async throws {
        let fixture = try await MockFixture.start()
        let created = try await Self.createBatches(5, fixture)
        let newestFirst = Array(created.reversed())

        let first = try await fixture.client.listBatches(limit: 2)
        #expect(first.data.map(\.id) == Array(newestFirst[0..<2]))
        #expect(first.hasMore)
        #expect(first.firstID == newestFirst[0] && first.lastID == newestFirst[1])
        let second = try await fixture.client.listBatches(limit: 2, afterID: first.lastID)
        #expect(second.data.map(\.id) == Array(newestFirst[2..<4]))
        #expect(second.hasMore)
        let third = try await fixture.client.listBatches(limit: 2, afterID: second.lastID)
        #expect(third.data.map(\.id) == [newestFirst[4]])
        #expect(!third.hasMore)

        let back = try await fixture.client.listBatches(limit: 2, beforeID: third.firstID)
        #expect(back.data.map(\.id) == Array(newestFirst[2..<4]))
        #expect(back.hasMore, "newer batches remain before this page")
        let top = try await fixture.client.listBatches(limit: 2, beforeID: newestFirst[1])
        #expect(top.data.map(\.id) == [newestFirst[0]])
        #expect(!top.hasMore)

        let everything = try await fixture.client.listBatches()
        #expect(everything.data.map(\.id) == newestFirst)
        #expect(everything.data.allSatisfy { $0.requestCounts.total == 1 && $0.createdDate != nil })

        let lists = await fixture.mock.receivedRequests().filter { $0.method == "GET" && $0.path == "/v1/messages/batches" }
        #expect(lists.count == 6)
        #expect(lists[1].query == ["limit": "2", "after_id": newestFirst[1]])
        #expect(lists[3].query == ["limit": "2", "before_id": newestFirst[4]])
        #expect(lists[5].query == ["limit": "20"])
        await fixture.mock.stop()
    }

    @Test("an empty workspace, a limit out of range and an unknown cursor")
    func edges() async throws {
        let fixture = try await MockFixture.start()
        let empty = try await fixture.client.listBatches()
        #expect(empty.data.isEmpty && !empty.hasMore && empty.firstID == nil && empty.lastID == nil)
        for limit in [0, 1001] {
            await #expect(throws: AnthropicError.self) { try await fixture.client.listBatches(limit: limit) }
        }
        do {
            _ = try await fixture.client.listBatches(afterID: "msgbatch_nope")
            Issue.record("an unknown cursor was accepted")
        } catch let AnthropicError.api(error) {
            #expect(error.status == 400)
        }
        await fixture.mock.stop()
    }

    @Test("createBatch retries an answered 500 but not a connection lost after sending: a retry could pay twice")
    func createBatchRetries() async throws {
        let fixture = try await MockFixture.start()
        await fixture.mock.script([.internalError], for: .batches)
        _ = try await fixture.client.createBatch([BatchRequest(customID: "a", params: MockFixture.request())])
        await fixture.mock.script([.dropConnection], for: .batches)
        do {
            _ = try await fixture.client.createBatch([BatchRequest(customID: "b", params: MockFixture.request())])
            Issue.record("a dropped connection was retried into success")
        } catch let AnthropicError.network(error, attempts) {
            #expect(attempts == 1)
            #expect(error.requestMayHaveArrived)
        }
        let creates = await fixture.mock.receivedRequests().filter { $0.method == "POST" && $0.path == "/v1/messages/batches" }
        #expect(creates.count == 3, "the 500 and its retry, then the dropped one alone")
        await fixture.mock.stop()
    }
}
