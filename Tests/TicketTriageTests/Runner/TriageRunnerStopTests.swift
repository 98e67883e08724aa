import Foundation
import Logging
import Synchronization
import Testing
import TriageClassify
import TriageModel
import TriageStore
@testable import TicketTriage

/// A classifier whose every call is rejected like a wrong API key, counting the calls that reached it.
final class RejectingClassifier: Classifier, Sendable {
    let calls = Atomic<Int>(0)
    let cancelled = Atomic<Int>(0)

    func classify(_ ticket: TicketText) async throws -> Classification {
        let number = calls.add(1, ordering: .relaxed).newValue
        // Later calls would take ten minutes: the stop must cancel them instead of waiting.
        if number > 1 {
            do {
                try await Task.sleep(for: .seconds(600))
            } catch {
                cancelled.add(1, ordering: .relaxed)
                throw error
            }
        }
        throw ClaudeRunStop(kind: .credentials, message: "the Anthropic API rejected the API key — check ANTHROPIC_API_KEY")
    }
}

@Suite struct TriageRunnerStopTests {
    @Test func aRunStopEndsTheRunAtOnceReleasesLeasesAndIsRecordedAsFailed() async throws {
        let store = try TicketStore.inMemory()
        let tickets = (1...40).map { i in
            ImportedTicket(source: "t", externalID: String(i), subject: "subject \(i)", messages: [ImportedMessage(externalID: "m", text: "text \(i)")])
        }
        _ = try store.upsert(tickets, runID: nil)
        let classifier = RejectingClassifier()
        let runner = TriageRunner(store: store, classifier: classifier, backendName: "claude", concurrency: 4, logger: Logger(label: "test"))
        await #expect(throws: ClaudeRunStop.self) { _ = try await runner.run() }
        let calls = classifier.calls.load(ordering: .relaxed)
        #expect(calls <= 4, "no ticket after the ones already in flight was tried")
        #expect(classifier.cancelled.load(ordering: .relaxed) == calls - 1, "the calls in flight were cancelled, not awaited")
        // Nothing is lost: every ticket is pending again for the next run (no lease left behind).
        #expect(try store.pendingTickets(limit: 100).count == 40)
        #expect(try store.leasePendingTickets(owner: "next", limit: 100, leaseDuration: 60).count == 40)
    }
}
