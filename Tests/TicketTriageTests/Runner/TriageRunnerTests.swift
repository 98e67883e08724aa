import Foundation
import Logging
import Testing
import TriageClassify
import TriageModel
import TriageStore
@testable import TicketTriage

/// A classifier that answers from the subject, costs a fixed amount per call and fails on request.
struct ScriptedClassifier: Classifier, CostEstimating {
    var costPerCall = 0.01
    var failSubjects: Set<String> = []
    var invalidSubjects: Set<String> = []

    func maximumCost(of ticket: TicketText) -> Double? { costPerCall }

    func classify(_ ticket: TicketText) async throws -> Classification {
        if failSubjects.contains(ticket.subject) { throw URLError(.timedOut) }
        let call = LLMCallRecord(purpose: "classify", model: "scripted", usage: TokenUsage(inputTokens: 10, outputTokens: 5),
                                 costUSD: costPerCall, latencyMilliseconds: 1, requestID: "req", startedAt: Date(),
                                 outcome: invalidSubjects.contains(ticket.subject) ? .invalidAnswer : .succeeded)
        if invalidSubjects.contains(ticket.subject) { return Classification(result: nil, calls: [call]) }
        return Classification(result: TriageResult(department: "Billing", priority: .normal, sentiment: .neutral, language: "en",
                                                   confidence: 0.9, summary: ticket.subject, backend: .claude, model: "scripted",
                                                   promptVersion: "1"), calls: [call])
    }
}

@Suite struct TriageRunnerTests {
    private func store(tickets: Int) throws -> TicketStore {
        let store = try TicketStore.inMemory()
        let batch = (1...tickets).map { i in
            ImportedTicket(source: "t", externalID: String(i), subject: "subject \(i)",
                           messages: [ImportedMessage(externalID: "m", text: "text \(i)")])
        }
        _ = try store.upsert(batch, runID: nil)
        return store
    }

    @Test func triagesEveryPendingTicketOnceAndRecordsCalls() async throws {
        let store = try store(tickets: 30)
        let runner = TriageRunner(store: store, classifier: ScriptedClassifier(), backendName: "scripted", concurrency: 4,
                                  logger: Logger(label: "test"))
        let report = try await runner.run()
        #expect(report.triaged == 30 && report.failed == 0 && report.stillPending == 0)
        #expect(abs(report.spentUSD - 0.30) < 1e-9)
        #expect(try store.statistics().llmCalls == 30)
        let again = try await runner.run()
        #expect(again.triaged == 0)
    }

    @Test func theBudgetStopsTheRunBeforeItIsExceeded() async throws {
        let store = try store(tickets: 20)
        let runner = TriageRunner(store: store, classifier: ScriptedClassifier(costPerCall: 0.01), backendName: "scripted",
                                  concurrency: 3, budgetUSD: 0.055, logger: Logger(label: "test"))
        let report = try await runner.run()
        #expect(report.status == .budgetExhausted)
        #expect(report.triaged == 5)
        #expect(report.spentUSD <= 0.055)
        #expect(report.stillPending == 15)
        #expect(try store.spentUSD() <= 0.055)
    }

    @Test func failuresAndInvalidAnswersLeaveTicketsPendingWithTheirCostRecorded() async throws {
        let store = try store(tickets: 6)
        let classifier = ScriptedClassifier(failSubjects: ["subject 2"], invalidSubjects: ["subject 3"])
        let report = try await TriageRunner(store: store, classifier: classifier, backendName: "scripted", concurrency: 2,
                                            logger: Logger(label: "test")).run()
        #expect(report.triaged == 4 && report.failed == 2 && report.stillPending == 2)
        // The invalid answer was paid for and is on record; the thrown failure made no call.
        #expect(try store.statistics().llmCalls == 5)
        // Leases were released: another run picks the failed tickets up again.
        #expect(try store.leasePendingTickets(owner: "next", limit: 10).count == 2)
    }
}

@Suite struct TicketTextBuilderTests {
    @Test func internalNotesAreLeftOutAndLongThreadsKeepTheOpeningAndTheLatest() {
        let messages = [TicketForTriage.Message(role: .customer, isPublic: true, text: "Opening " + String(repeating: "a", count: 100), trimmedText: nil),
                        TicketForTriage.Message(role: .agent, isPublic: false, text: "secret internal note", trimmedText: nil)]
            + (1...30).map { TicketForTriage.Message(role: .customer, isPublic: true, text: "reply \($0) " + String(repeating: "b", count: 80), trimmedText: nil) }
        let ticket = TicketForTriage(id: 1, contentHash: "h", subject: "S", channel: nil, messages: messages)
        let text = TicketTextBuilder(maxCharacters: 1000).text(for: ticket)
        #expect(!text.body.contains("secret"))
        #expect(text.body.hasPrefix("Customer: Opening"))
        #expect(text.body.contains("reply 30"))
        #expect(text.body.contains("earlier message(s) omitted"))
        #expect(text.body.count <= 1100)
    }
}
