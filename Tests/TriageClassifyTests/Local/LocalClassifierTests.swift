import Foundation
import Testing
import TriageModel
@testable import TriageClassify

@Suite("LocalClassifier")
struct LocalClassifierTests {
    static let model: LocalModel = try! LocalModelTrainer.train(
        examples: TrainingTickets.training(),
        options: .init(calibrationFraction: 0.2, minimumCalibrationExamples: 10, trainedAt: Date(timeIntervalSince1970: 0)))

    @Test func classifiesATicketIntoAFullResult() async throws {
        let classifier = LocalClassifier(model: Self.model, options: .init(confidenceThreshold: 0.2, summaryWords: 12))
        let ticket = TicketText(ticketID: 1, subject: "Double charge",
                                body: "I was charged twice for my subscription and need a refund. The invoice shows both payments.")
        let result = try #require(try await classifier.classify(ticket).result)
        #expect(result.department == "Billing")
        #expect(result.backend == .local)
        #expect(result.model == LocalModel.modelName)
        #expect(result.promptVersion == Self.model.modelVersion)
        #expect(result.language == "en")
        #expect(result.priority == .high)
        #expect((0...1).contains(result.confidence))
        #expect(ExtractiveSummarizer.wordCount(result.summary) <= 12)
    }

    @Test func lowConfidenceNeedsAHuman() {
        let classifier = LocalClassifier(model: Self.model, options: .init(confidenceThreshold: 1.01))
        let result = classifier.result(subject: "Hello", body: "Something about my order and my invoice.")
        #expect(result.needsHuman)
        #expect(result.needsHumanReason?.contains("low confidence") == true)
    }

    @Test func legalThreatsNeedAHumanWhateverTheConfidence() {
        let classifier = LocalClassifier(model: Self.model, options: .init(confidenceThreshold: 0))
        let result = classifier.result(subject: "Refund", body: "Refund me now or my lawyer will file a lawsuit.")
        #expect(result.needsHuman)
        #expect(result.needsHumanReason?.contains("legal: lawyer") == true)
        let calm = classifier.result(subject: "Refund", body: "Please refund the duplicate charge on my invoice.")
        #expect(!calm.needsHuman)
    }

    @Test func aLabelledPriorityWins() {
        let classifier = LocalClassifier(model: Self.model)
        let result = classifier.result(subject: "Outage", body: "Everything is down!", labelledPriority: .low)
        #expect(result.priority == .low)
        #expect(classifier.result(subject: "Outage", body: "Everything is down!").priority == .urgent)
    }
}
