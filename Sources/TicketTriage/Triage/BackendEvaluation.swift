import Foundation
import Logging
import TriageClassify
import TriageImport
import TriageModel
import TriageStore

/// Evaluates any classifier on labelled tickets: each ticket is classified (nothing is stored) and compared with
/// its human label; cost and latency come from the model calls.
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
        return try await run(examples: test)
    }

    /// The report over `examples` (e.g. from ``labelledTestFile(_:format:options:logger:)``).
    public func run(examples: [LabeledText]) async throws -> EvaluationReport {
        var predictions: [Prediction] = []
        var remaining = examples[...]
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

    /// The labelled tickets of an export that is not in the store: it is imported into a throw-away in-memory
    /// store with the same importers, mappings and options as `triage import`, and its department labels are read
    /// back exactly as `triage train` reads them.
    ///
    /// Throws when the file cannot be imported or holds no ticket with a department label.
    public static func labelledTestFile(_ url: URL, format: ImportFormat, options: ImportOptions,
                                        logger: Logger) throws -> [LabeledText] {
        let store = try TicketStore.inMemory()
        let report = ImportPipeline(store: store, logger: logger).importFile(url, format: format, options: options)
        if let error = report.error { throw TrainingError(message: "cannot read the test file: \(error)") }
        let examples = try LocalModelTraining(store: store).labelledExamples()
        guard !examples.isEmpty else {
            throw TrainingError(message: "\(url.path): no ticket with a department label (\(report.counts.new) ticket(s) read, \(report.counts.failed) failed); map the label column to `department` in the mapping (--mapping) and try again")
        }
        return examples
    }
}
