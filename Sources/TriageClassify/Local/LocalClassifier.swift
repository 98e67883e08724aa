import Foundation
import TriageModel

/// The offline classifier: the trained ``LocalModel`` for the department, ``TriageHeuristics`` for priority,
/// sentiment and risk, ``LanguageDetector`` and ``ExtractiveSummarizer``.
///
/// `needsHuman` is set when the calibrated confidence is below ``Options/confidenceThreshold`` or the text hits
/// legal or security terms; the reason says which.
public struct LocalClassifier: Classifier {
    /// Settings of the local classifier.
    public struct Options: Sendable, Hashable {
        /// Below this confidence the result asks for a human.
        public var confidenceThreshold: Double
        /// Maximum words of the summary.
        public var summaryWords: Int

        public init(confidenceThreshold: Double = 0.5, summaryWords: Int = 60) {
            self.confidenceThreshold = confidenceThreshold
            self.summaryWords = summaryWords
        }
    }

    public let model: LocalModel
    public let options: Options
    private let heuristics = TriageHeuristics()
    private let detector = LanguageDetector()

    public init(model: LocalModel, options: Options = Options()) {
        self.model = model
        self.options = options
    }

    public func classify(_ ticket: TicketText) async throws -> Classification {
        Classification(result: result(subject: ticket.subject, body: ticket.body))
    }

    /// The full result for a ticket, synchronously (evaluation and benchmarks call this directly).
    ///
    /// - Parameter labelledPriority: the human priority label, used instead of the heuristic when present.
    public func result(subject: String, body: String, labelledPriority: Priority? = nil) -> TriageResult {
        let prediction = model.predict(subject: subject, body: body)
        let text = subject + "\n" + body
        let words = TextNormalizer.words(text)
        let assessment = heuristics.assess(text: text, tokens: words)
        var reasons: [String] = []
        if prediction.confidence < options.confidenceThreshold {
            reasons.append("low confidence \(Self.format(prediction.confidence)) < \(Self.format(options.confidenceThreshold))")
        }
        if !assessment.riskTerms.isEmpty { reasons.append("risk terms: " + assessment.riskTerms.joined(separator: ", ")) }
        let summary = ExtractiveSummarizer(maxWords: options.summaryWords).summarize(subject: subject, body: body)
        return TriageResult(
            department: prediction.department, priority: labelledPriority ?? assessment.priority,
            sentiment: assessment.sentiment, language: detector.detect(text, words: words),
            confidence: prediction.confidence, summary: summary, needsHuman: !reasons.isEmpty,
            needsHumanReason: reasons.isEmpty ? nil : reasons.joined(separator: "; "),
            backend: .local, model: LocalModel.modelName, promptVersion: model.modelVersion)
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.2f", value)
    }
}
