import AnthropicClient
import Foundation
import Logging
import Testing
import TriageClassify
import TriageModel
import TriageStore
import TriageTestSupport
@testable import TicketTriage

@Suite struct TriageRunnerClaudeTests {
    @Test func thousandTicketsWarmTheCacheOnceAndReadItAfter() async throws {
        let mock = try await MockAnthropicServer.start()
        defer { Task { await mock.stop() } }
        let store = try ClaudeRunFixtures.store(tickets: 1000)
        let recorder = RecordingClassifier(try ClaudeRunFixtures.claude(mock))
        let runner = TriageRunner(store: store, classifier: recorder, backendName: "claude", concurrency: 16, logger: Logger(label: "test"))
        let started = ContinuousClock.now
        let report = try await runner.run()
        let elapsed = ContinuousClock.now - started

        #expect(report.triaged == 1000)
        #expect(report.failed == 0)
        #expect(report.stillPending == 0)
        let calls = recorder.calls
        #expect(calls.count == 1000)
        // Warm-up: exactly one call wrote the cached prefix, every other call read it.
        #expect(calls.filter { $0.usage.cacheCreationInputTokens > 0 }.count == 1)
        #expect(calls.filter { $0.usage.cacheReadInputTokens > 0 }.count == 999)
        let statistics = try store.statistics()
        #expect(statistics.llmCalls == 1000)
        #expect(abs(statistics.llmCostUSD - calls.compactMap(\.costUSD).reduce(0, +)) < 1e-9)
        #expect(abs(report.spentUSD - statistics.llmCostUSD) < 1e-9)

        // Token economy (numbers for docs/notes/classify.md and BENCHMARKS.md).
        let uncached = calls.reduce(0) { $0 + $1.usage.inputTokens }
        let read = calls.reduce(0) { $0 + $1.usage.cacheReadInputTokens }
        let written = calls.reduce(0) { $0 + $1.usage.cacheCreationInputTokens }
        let total = uncached + read + written
        let tickets = (1...1000).map { ClaudeRunFixtures.ticket($0) }
        let rawBytes = ClaudeRunFixtures.rawThreadBytes(tickets)
        let builder = TicketTextBuilder()
        var sentBytes = 0
        for id in 1...1000 {
            let text = builder.text(for: try store.ticketForTriage(id: Int64(id)))
            sentBytes += text.subject.utf8.count + text.body.utf8.count
        }
        let share = Double(read) / Double(total)
        print("""
            token-economy: tickets=1000 raw_thread_bytes_per_ticket=\(rawBytes / 1000) \
            ticket_text_bytes_sent_per_ticket=\(sentBytes / 1000) uncached_input_tokens_per_ticket=\(uncached / 1000) \
            total_input_tokens_per_ticket=\(total / 1000) cache_read_tokens_per_ticket=\(read / 1000) \
            cache_read_share=\(String(format: "%.3f", share)) cache_written=\(written) \
            output_tokens_per_ticket=\(calls.reduce(0) { $0 + $1.usage.outputTokens } / 1000) \
            cost_usd=\(String(format: "%.6f", statistics.llmCostUSD)) elapsed=\(elapsed)
            """)
        #expect(share > 0.5)
        #expect(sentBytes * 3 < rawBytes, "quotes, signatures and internal notes are not sent")
    }

    @Test func budgetAllowingExactlyFiveTicketsStopsAfterFive() async throws {
        // Probe: what the first five calls cost with a cold cache (same fake behaviour, fresh server).
        let probeMock = try await MockAnthropicServer.start()
        defer { Task { await probeMock.stop() } }
        let probeStore = try ClaudeRunFixtures.store(tickets: 5, identical: true)
        let probe = RecordingClassifier(try ClaudeRunFixtures.claude(probeMock))
        _ = try await TriageRunner(store: probeStore, classifier: probe, backendName: "claude", concurrency: 1,
                                   logger: Logger(label: "test")).run()
        let costs = probe.calls.compactMap(\.costUSD)
        #expect(costs.count == 5)

        let mock = try await MockAnthropicServer.start()
        defer { Task { await mock.stop() } }
        let store = try ClaudeRunFixtures.store(tickets: 12, identical: true)
        let claude = try ClaudeRunFixtures.claude(mock)
        let text = TicketTextBuilder().text(for: try store.ticketForTriage(id: 5))
        let worstCase = try #require(claude.maximumCost(of: text))
        // Ticket 5 fits (4 actual costs + its worst case); ticket 6 cannot (5 actual costs + its worst case).
        let budget = costs.prefix(4).reduce(0, +) + worstCase + costs[4] / 2
        let runner = TriageRunner(store: store, classifier: claude, backendName: "claude", concurrency: 1, budgetUSD: budget,
                                  logger: Logger(label: "test"))
        let report = try await runner.run()
        #expect(report.triaged == 5)
        #expect(report.status == .budgetExhausted)
        #expect(report.stillPending == 7)
        #expect(report.spentUSD <= budget)
        #expect(abs(report.spentUSD - costs.reduce(0, +)) < 1e-12)
        #expect(await mock.receivedRequests().count == 5)
    }

    @Test func interruptedRunThenRerunTriagesEachTicketOnce() async throws {
        var options = MockAnthropicServer.Options()
        options.timeToFirstToken = .milliseconds(20)
        let mock = try await MockAnthropicServer.start(options: options)
        defer { Task { await mock.stop() } }
        let store = try ClaudeRunFixtures.store(tickets: 60)
        let claude = try ClaudeRunFixtures.claude(mock)
        let runner = TriageRunner(store: store, classifier: claude, backendName: "claude", concurrency: 4, logger: Logger(label: "test"))
        let task = Task { try await runner.run() }
        let deadline = ContinuousClock.now + .seconds(60)
        while try store.statistics().triaged < 10, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        try #require(try store.statistics().triaged >= 10, "the run did not triage 10 tickets within 60 s")
        task.cancel()
        _ = try? await task.value
        let afterKill = try store.statistics()
        #expect(afterKill.triaged < 60)
        let rerun = try await runner.run()
        let final = try store.statistics()
        #expect(final.triaged == 60)
        #expect(final.pendingTriage == 0)
        #expect(rerun.triaged == 60 - afterKill.triaged)
        // One recorded call per triaged ticket: no saved result was redone. Requests beyond that are the calls
        // in flight at the interruption (paid, unrecorded: the documented limit).
        #expect(final.llmCalls == 60)
        let sent = await mock.receivedRequests().count
        #expect(sent >= 60 && sent <= 60 + 4)
    }
}
