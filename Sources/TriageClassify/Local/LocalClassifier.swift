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

        public init(confidenceThreshold: Double = NeedsHumanThreshold.default, summaryWords: Int = 60) {
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
    /// Priority: the human label when present, else the model's learned priority (when it was trained on priority
    /// labels), else the keyword heuristic.
    ///
    /// - Parameter labelledPriority: the human priority label, used instead of the model and heuristic when present.
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
        let summary = ExtractiveSummarizer(maxWords: options.summaryWords).summarize(subject: subject, body: Self.customerText(body))
        return TriageResult(
            department: prediction.department,
            priority: labelledPriority ?? prediction.priority.flatMap(Priority.init(rawValue:)) ?? assessment.priority,
            sentiment: assessment.sentiment, language: detector.detect(text, words: words),
            confidence: prediction.confidence, summary: summary, needsHuman: !reasons.isEmpty,
            needsHumanReason: reasons.isEmpty ? nil : reasons.joined(separator: "; "),
            backend: .local, model: LocalModel.modelName, promptVersion: model.modelVersion)
    }

    /// The customer's words from a conversation labelled `Customer: …` / `Agent: …` (as `TicketTextBuilder` writes
    /// it), labels removed, so summaries describe the customer's issue; unlabelled text is returned as it is.
    static func customerText(_ body: String) -> String {
        let labels = ["Customer: ", "Agent: ", "System: "]
        guard mayHaveLabels(body, labels) else { return body }
        let paragraphs = body.components(separatedBy: "\n\n")
        guard paragraphs.contains(where: { p in labels.contains { p.hasPrefix($0) } }) else { return body }
        var kept: [String] = []
        var inCustomer = false
        for paragraph in paragraphs {
            if let label = labels.first(where: { paragraph.hasPrefix($0) }) {
                inCustomer = label == "Customer: "
                if inCustomer { kept.append(String(paragraph.dropFirst(label.count))) }
            } else if inCustomer {
                kept.append(paragraph)
            }
        }
        return kept.isEmpty ? body : kept.joined(separator: "\n\n")
    }

    /// Whether a label starts `body` or follows a blank line (`"\n\n"`): a cheap byte scan that spares the paragraph
    /// split for the common unlabelled text (it may say yes when the split then finds nothing; never no wrongly).
    static func mayHaveLabels(_ body: String, _ labels: [String]) -> Bool {
        if labels.contains(where: body.hasPrefix) { return true }
        let bytes = Array(body.utf8)
        let patterns = labels.map { Array($0.utf8) }
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0x0A && bytes[index + 1] == 0x0A {
                let start = index + 2
                for pattern in patterns where start + pattern.count <= bytes.count {
                    if bytes[start..<(start + pattern.count)].elementsEqual(pattern) { return true }
                }
            }
            index += 1
        }
        return false
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.2f", value)
    }
}
