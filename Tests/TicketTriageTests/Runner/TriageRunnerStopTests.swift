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

/// Answers at once for every ticket but one, which stops the run like a rejected key; counts the answers given.
final class StopAfterAnswersClassifier: Classifier, Sendable {
    let answered = Atomic<Int>(0)
    let stopSubject: String

    init(stopSubject: String) {
        self.stopSubject = stopSubject
    }

    func classify(_ ticket: TicketText) async throws -> Classification {
        if ticket.subject == stopSubject {
            throw ClaudeRunStop(kind: .credentials, message: "the Anthropic API rejected the API key — check ANTHROPIC_API_KEY")
        }
        let answer = try await ScriptedClassifier().classify(ticket)
        answered.add(1, ordering: .relaxed)
        return answer
    }
}

@Suite struct TriageRunnerBatchedSaveTests {
    /// Answers are written in batches (concurrency / 4 at a time); those gathered when a stop arrives are written
    /// before the run ends, so no paid answer is lost and each has its result.
    @Test func answersGatheredBeforeAStopAreStored() async throws {
        let store = try TicketStore.inMemory()
        let tickets = (1...60).map { i in
            ImportedTicket(source: "t", externalID: String(i), subject: "subject \(i)", messages: [ImportedMessage(externalID: "m", text: "text \(i)")])
        }
        _ = try store.upsert(tickets, runID: nil)
        let classifier = StopAfterAnswersClassifier(stopSubject: "subject 30")
        let runner = TriageRunner(store: store, classifier: classifier, backendName: "claude", concurrency: 16, logger: Logger(label: "test"))
        await #expect(throws: ClaudeRunStop.self) { _ = try await runner.run() }
        let answered = classifier.answered.load(ordering: .relaxed)
        #expect(answered >= 1)
        #expect(try store.statistics().llmCalls == answered, "every answer's call is recorded")
        #expect(try store.pendingTickets(limit: 100).count == 60 - answered, "every answer's result is stored")
        #expect(try store.leasePendingTickets(owner: "next", limit: 100, leaseDuration: 60).count == 60 - answered)
    }

    /// With more tickets than one lease round (concurrency × 8) every ticket is triaged once, in one run.
    @Test func severalLeaseRoundsTriageEveryTicketOnce() async throws {
        let store = try TicketStore.inMemory()
        let tickets = (1...75).map { i in
            ImportedTicket(source: "t", externalID: String(i), subject: "subject \(i)", messages: [ImportedMessage(externalID: "m", text: "text \(i)")])
        }
        _ = try store.upsert(tickets, runID: nil)
        let report = try await TriageRunner(store: store, classifier: ScriptedClassifier(), backendName: "scripted",
                                            concurrency: 3, logger: Logger(label: "test")).run()
        #expect(report.triaged == 75 && report.failed == 0 && report.stillPending == 0)
        #expect(try store.statistics().llmCalls == 75)
    }
}
