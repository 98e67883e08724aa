import AnthropicClient
import Foundation
import Testing
import TriageModel
import TriageTestSupport
@testable import TriageClassify

@Suite struct CascadeClassifierTests {
    /// A local model that answers "General Inquiry" with a fixed confidence.
    struct FixedLocal: Classifier {
        var confidence: Double
        func classify(_ ticket: TicketText) async throws -> Classification {
            Classification(result: TriageResult(department: "General Inquiry", priority: .low, sentiment: .neutral, language: "en",
                                                confidence: confidence, summary: "local summary", backend: .local,
                                                model: "local-test", promptVersion: "v1"))
        }
    }

    /// A fake answering with the confidence written in the ticket (`conf=0.59`), department by model.
    static func fake() async throws -> MockAnthropicServer {
        let responder = MockResponder { request in
            let text = MockResponder.lastUserText(request)
            let confidence = text.range(of: #"conf=[0-9.]+"#, options: .regularExpression)
                .flatMap { Double(text[$0].dropFirst(5)) } ?? 0.9
            let department = request.model == "claude-sonnet-5-5" ? "Security & Abuse" : "Billing"
            let escalated = request.model == "claude-sonnet-5-5" ? 0.95 : confidence
            return .init(text: ClaudeFixtures.answer(department: department, confidence: escalated))
        }
        return try await MockAnthropicServer.start(options: .init(responder: responder))
    }

    static func cascade(_ mock: MockAnthropicServer, local: Double, escalate: Bool = true, fallback: Bool = false,
                        maxRetries: Int = 2) throws -> CascadeClassifier {
        var settings = ClaudeSettings(escalationModel: escalate ? "claude-sonnet-5-5" : nil, confidenceThreshold: 0.6,
                                      localThreshold: 0.85, fallbackToLocal: fallback)
        settings.examples = []
        let claude = try ClaudeFixtures.classifier(mock, settings: settings, maxRetries: maxRetries)
        return try CascadeClassifier(local: FixedLocal(confidence: local), claude: claude)
    }

    @Test(arguments: [(0.85, "local-test"), (0.8499, "claude-haiku-5-5")])
    func localThreshold(local: Double, decidingModel: String) async throws {
        let mock = try await Self.fake()
        defer { Task { await mock.stop() } }
        let classification = try await Self.cascade(mock, local: local).classify(ClaudeFixtures.ticket(1, body: "conf=0.9"))
        #expect(classification.result?.model == decidingModel)
        #expect(classification.result?.backend == (decidingModel == "local-test" ? .local : .claude))
        #expect(await mock.receivedRequests().count == (decidingModel == "local-test" ? 0 : 1))
    }

    @Test(arguments: [(0.6, ["claude-haiku-5-5"]), (0.59, ["claude-haiku-5-5", "claude-sonnet-5-5"])])
    func claudeThresholdEscalates(confidence: Double, models: [String]) async throws {
        let mock = try await Self.fake()
        defer { Task { await mock.stop() } }
        let classification = try await Self.cascade(mock, local: 0.2).classify(ClaudeFixtures.ticket(2, body: "conf=\(confidence)"))
        #expect(classification.calls.map(\.model) == models)
        #expect(classification.result?.model == models.last)
        #expect(classification.result?.department == (models.count == 2 ? "Security & Abuse" : "Billing"))
        let sent = await mock.receivedRequests().compactMap { $0.json?["model"]?.stringValue }
        #expect(sent == models)
    }

    @Test func lowClaudeAnswerWithoutEscalationModelStandsFlagged() async throws {
        let mock = try await Self.fake()
        defer { Task { await mock.stop() } }
        let result = try #require(try await Self.cascade(mock, local: 0.2, escalate: false)
            .classify(ClaudeFixtures.ticket(3, body: "conf=0.3")).result)
        #expect(result.model == "claude-haiku-5-5")
        #expect(result.needsHuman)
        #expect(result.needsHumanReason?.contains("low confidence 0.30 < 0.60") == true)
    }

    @Test(arguments: [false, true])
    func unavailableClaudeFailsOrFallsBack(fallback: Bool) async throws {
        let mock = try await Self.fake()
        defer { Task { await mock.stop() } }
        await mock.script([.overloaded, .overloaded])
        let classification = try await Self.cascade(mock, local: 0.4, fallback: fallback, maxRetries: 1)
            .classify(ClaudeFixtures.ticket(4, body: "conf=0.9"))
        #expect(classification.calls.map(\.outcome) == [.failed])
        if fallback {
            let result = try #require(classification.result)
            #expect(result.backend == .local && result.model == "local-test")
            #expect(result.needsHuman)
            #expect(result.needsHumanReason?.hasPrefix("local fallback: Claude unavailable") == true)
        } else {
            #expect(classification.result == nil)
        }
    }

    @Test func invalidClaudeAnswerIsAFailureEvenWithFallback() async throws {
        let mock = try await MockAnthropicServer.start(options: .init(responder: MockResponder { _ in
            .init(text: ClaudeFixtures.answer(department: "Legal"))
        }))
        defer { Task { await mock.stop() } }
        let classification = try await Self.cascade(mock, local: 0.4, fallback: true).classify(ClaudeFixtures.ticket(5, body: "x"))
        #expect(classification.result == nil)
        #expect(classification.calls.map(\.outcome) == [.invalidAnswer, .invalidAnswer])
    }

    @Test func worstCaseCostIncludesTheEscalation() async throws {
        let mock = try await Self.fake()
        defer { Task { await mock.stop() } }
        let cascade = try Self.cascade(mock, local: 0.2)
        let ticket = ClaudeFixtures.ticket(6, body: "x")
        let both = try #require(cascade.claude.maximumCost(of: ticket)) + (try #require(cascade.escalation?.maximumCost(of: ticket)))
        #expect(cascade.maximumCost(of: ticket) == both)
        #expect(try Self.cascade(mock, local: 0.2, escalate: false).maximumCost(of: ticket) == cascade.claude.maximumCost(of: ticket))
    }
}
