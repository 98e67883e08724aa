import Foundation
import TriageClassify
import TriageModel
import TriageStore

/// Evaluates any classifier on the held-out labelled tickets: each ticket is classified (nothing is stored) and
/// compared with its human label; cost and latency come from the model calls.
public struct BackendEvaluation: Sendable {
    public var store: TicketStore
    public var classifier: any Classifier
    public var concurrency: Int
    public var textBuilder = TicketTextBuilder()

    public init(store: TicketStore, classifier: any Classifier, concurrency: Int = 8) {
        self.store = store
        self.classifier = classifier
        self.concurrency = max(1, concurrency)
    }

    /// The report over the same held-out split `triage train` leaves out (at most `limit` tickets).
    public func run(limit: Int? = nil) async throws -> EvaluationReport {
        let training = LocalModelTraining(store: store)
        var test = training.split(try training.labelledExamples()).test
        if let limit { test = Array(test.prefix(limit)) }
        guard !test.isEmpty else { throw TrainingError(message: "no held-out labelled tickets to evaluate on") }
        var predictions: [Prediction] = []
        var remaining = test[...]
        try await withThrowingTaskGroup(of: Prediction?.self) { group in
            func startNext() {
                guard let example = remaining.popFirst() else { return }
                let text = TicketText(ticketID: Int64(example.id) ?? 0, subject: example.subject, body: example.body)
                group.addTask {
                    let clock = ContinuousClock()
                    let start = clock.now
                    let classification = try await classifier.classify(text)
                    let elapsed = clock.now - start
                    let cost = classification.calls.compactMap(\.costUSD).reduce(0, +)
                    return Prediction(id: example.id, truth: example.department,
                                      predicted: classification.result?.department ?? "(no answer)",
                                      confidence: classification.result?.confidence ?? 0, costUSD: cost,
                                      latencySeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
                }
            }
            for _ in 0..<concurrency { startNext() }
            while let prediction = try await group.next() {
                if let prediction { predictions.append(prediction) }
                startNext()
            }
        }
        predictions.sort { $0.id < $1.id }
        return Evaluation.report(predictions: predictions)
    }
}
