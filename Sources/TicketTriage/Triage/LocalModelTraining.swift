import Foundation
import TriageClassify
import TriageModel
import TriageStore

/// Trains the local model on the store's labelled tickets and evaluates it on a held-out split.
///
/// The split is stratified and decided by a stable hash of each ticket's store id, so `triage eval` finds the
/// same held-out tickets that `triage train` left out.
public struct LocalModelTraining: Sendable {
    public var store: TicketStore
    public var textBuilder = TicketTextBuilder()
    /// Share of labelled tickets held out for evaluation.
    public var testFraction = 0.2
    public var seed: UInt64 = 42

    public init(store: TicketStore) {
        self.store = store
    }

    /// The model file that belongs to a store: beside it, `triage.sqlite` → `triage.model`.
    public static func modelURL(forDatabase path: String) -> URL {
        URL(fileURLWithPath: path).deletingPathExtension().appendingPathExtension("model")
    }

    /// Labelled tickets as training examples (human department label, and priority when it is one of ours).
    public func labelledExamples() throws -> [LabeledText] {
        var examples: [LabeledText] = []
        try store.forEachLabelledTicket { ticket in
            guard let department = ticket.labelDepartment else { return }
            let text = textBuilder.text(for: ticket)
            examples.append(LabeledText(id: String(ticket.id), subject: text.subject, body: text.body, department: department,
                                        priority: ticket.labelPriority.flatMap(Priority.init(exported:))))
        }
        return examples
    }

    /// The train and held-out sets.
    public func split(_ examples: [LabeledText]) -> (train: [LabeledText], test: [LabeledText]) {
        Evaluation.split(examples, testFraction: testFraction, seed: seed, id: \.id, label: \.department)
    }

    /// What `train` did.
    public struct Outcome: Sendable {
        public var model: LocalModel
        public var trainCount: Int
        public var testCount: Int
        public var duration: Duration
        /// Accuracy and calibration on the held-out tickets (`nil` when none were held out).
        public var evaluation: EvaluationReport?
    }

    /// Trains on the train split and evaluates on the held-out split. Throws when there is too little to learn from.
    public func train() throws -> Outcome {
        let examples = try labelledExamples()
        let labels = Set(examples.map(\.department))
        guard examples.count >= 10, labels.count >= 2 else {
            throw TrainingError(message: "only \(examples.count) labelled ticket(s) in \(labels.count) department(s): import exports that carry department labels (groups, queues, a mapped `department` field) first")
        }
        let (train, test) = split(examples)
        let clock = ContinuousClock()
        let start = clock.now
        let model = try LocalModelTrainer.train(examples: train)
        let duration = clock.now - start
        let evaluation = test.isEmpty ? nil : Evaluation.report(model: model, examples: test)
        return Outcome(model: model, trainCount: train.count, testCount: test.count, duration: duration, evaluation: evaluation)
    }

    /// Evaluates a trained model on the held-out split of the store's labelled tickets.
    public func evaluate(_ model: LocalModel) throws -> EvaluationReport {
        let (_, test) = split(try labelledExamples())
        guard !test.isEmpty else { throw TrainingError(message: "no held-out labelled tickets to evaluate on") }
        return Evaluation.report(model: model, examples: test)
    }
}

/// Training is impossible with what the store holds.
public struct TrainingError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
