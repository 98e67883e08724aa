import AnthropicClient
import Foundation
import Testing
import TriageModel
import TriageStore
import TriageTestSupport
@testable import TicketTriage

@Suite struct ExecutiveSummaryWriterTests {
    static func tickets(_ count: Int) -> [DayTicketSummary] {
        (1...count).map { DayTicketSummary(department: "Billing", priority: "normal", sentiment: "neutral",
                                           summary: "Customer \($0) was charged twice; mail ana\($0)@example.com") }
    }

    @Test func bigDaysAreSplitIntoChunksThenMergedAndEveryCallIsRecorded() async throws {
        let server = try await MockAnthropicServer.start()
        defer { Task { await server.stop() } }
        let client = AnthropicClient(configuration: await server.configuration())
        let writer = ExecutiveSummaryWriter(client: client, chunkSize: 200)
        let (text, calls) = try await writer.write(day: "2026-11-18", numbers: "450 new tickets.", tickets: Self.tickets(450))
        #expect(calls.count == 4)   // 3 chunks + 1 merge
        #expect(calls.allSatisfy { $0.purpose == "digest-summary" && $0.outcome == .succeeded && ($0.costUSD ?? 0) > 0 })
        #expect(!text.isEmpty)
        let bodies = await server.receivedRequests().map { String(decoding: $0.body, as: UTF8.self) }
        #expect(bodies.count == 4)
        #expect(bodies.allSatisfy { !$0.contains("@example.com") }, "personal data is redacted before it leaves")
        #expect(bodies.allSatisfy { $0.contains("<tickets>") })
    }

    @Test func smallDaysTakeOneCall() async throws {
        let server = try await MockAnthropicServer.start()
        defer { Task { await server.stop() } }
        let writer = ExecutiveSummaryWriter(client: AnthropicClient(configuration: await server.configuration()))
        let (_, calls) = try await writer.write(day: "2026-11-18", numbers: "3 new tickets.", tickets: Self.tickets(3))
        #expect(calls.count == 1)
    }
}
