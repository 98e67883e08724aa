import Foundation
import TriageClassify
import TriageModel
import TriageStore

/// Trains the local model on the store's labelled tickets: first evaluates on a held-out part (a model trained on
/// the rest), then fits the saved model on every labelled ticket.
///
/// The split is stratified and decided by a stable hash of each ticket's store id and the seed, so `triage eval`
/// finds the same held-out tickets that `triage train` evaluated on.
public struct LocalModelTraining: Sendable {
    public var store: TicketStore
    public var textBuilder = TicketTextBuilder()
    /// Share of labelled tickets held out for the evaluation (0: no evaluation, only the final fit).
    public var testFraction = 0.2
    public var seed: UInt64 = 42
    /// Trainer settings (its seed is replaced by ``seed``).
    public var options = LocalModelTrainer.Options()

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

    /// Labels of `examples` that are not among `departments`, with their ticket counts, most frequent first.
    public static func unknownLabels(_ examples: [LabeledText], departments: [String]) -> [(label: String, count: Int)] {
        let known = Set(departments)
        var counts: [String: Int] = [:]
        for example in examples where !known.contains(example.department) { counts[example.department, default: 0] += 1 }
        return counts.map { ($0.key, $0.value) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }

    /// Priority accuracy on held-out tickets that carry a priority label: the learned head against the keywords.
    public struct PriorityEvaluation: Sendable, Codable, Hashable {
        public var tickets: Int
        /// `nil` when the model learned no priority head (too few priority labels).
        public var learnedAccuracy: Double?
        public var heuristicAccuracy: Double
    }

    /// What `train` did.
    public struct Outcome: Sendable {
        /// The model fitted on every labelled ticket.
        public var model: LocalModel
        /// Labelled tickets the final model was fitted on.
        public var exampleCount: Int
        public var trainCount: Int
        public var testCount: Int
        /// Time of the final fit.
        public var duration: Duration
        /// Accuracy and calibration on the held-out tickets of a model trained on the rest (`nil`: none held out).
        public var evaluation: EvaluationReport?
        public var priority: PriorityEvaluation?
    }

    /// Evaluates on the held-out part, then fits on everything. Throws when there is too little to learn from.
    public func train() throws -> Outcome {
        let examples = try labelledExamples()
        let labels = Set(examples.map(\.department))
        guard examples.count >= 10, labels.count >= 2 else {
            throw TrainingError(message: "only \(examples.count) labelled ticket(s) in \(labels.count) department(s): import exports that carry department labels (groups, queues, a mapped `department` field) first")
        }
        var trainerOptions = options
        trainerOptions.seed = seed
        var evaluation: EvaluationReport?
        var priority: PriorityEvaluation?
        let (train, test) = split(examples)
        if testFraction > 0, !test.isEmpty, Set(train.map(\.department)).count >= 2 {
            let heldOutModel = try LocalModelTrainer.train(examples: train, options: trainerOptions)
            evaluation = Evaluation.report(model: heldOutModel, examples: test)
            priority = Self.priorityEvaluation(heldOutModel, test)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let model = try LocalModelTrainer.train(examples: examples, options: trainerOptions)
        let duration = clock.now - start
        return Outcome(model: model, exampleCount: examples.count, trainCount: evaluation == nil ? 0 : train.count,
                       testCount: evaluation == nil ? 0 : test.count, duration: duration, evaluation: evaluation,
                       priority: priority)
    }

    /// Learned versus keyword priority on the examples that carry a priority label (`nil` when none do).
    static func priorityEvaluation(_ model: LocalModel, _ examples: [LabeledText]) -> PriorityEvaluation? {
        let labelled = examples.filter { $0.priority != nil }
        guard !labelled.isEmpty else { return nil }
        let heuristics = TriageHeuristics()
        var learned = 0
        var keywords = 0
        for example in labelled {
            if model.predict(subject: example.subject, body: example.body).priority == example.priority?.rawValue { learned += 1 }
            if heuristics.assess(subject: example.subject, body: example.body).priority == example.priority { keywords += 1 }
        }
        let n = Double(labelled.count)
        return PriorityEvaluation(tickets: labelled.count,
                                  learnedAccuracy: model.metadata.priority == nil ? nil : Double(learned) / n,
                                  heuristicAccuracy: Double(keywords) / n)
    }

    /// Evaluates a model on the held-out split of the store's labelled tickets.
    ///
    /// The saved model was fitted on every labelled ticket, held-out ones included, so this trains a model on the
    /// training part first: the figures are those `triage train` reported.
    public func evaluateHeldOut() throws -> EvaluationReport {
        let (train, test) = split(try labelledExamples())
        guard !test.isEmpty, Set(train.map(\.department)).count >= 2 else {
            throw TrainingError(message: "no held-out labelled tickets to evaluate on (label tickets of at least two departments, or use `triage eval --test FILE`)")
        }
        var trainerOptions = options
        trainerOptions.seed = seed
        return Evaluation.report(model: try LocalModelTrainer.train(examples: train, options: trainerOptions), examples: test)
    }
}

/// Training is impossible with what the store holds.
public struct TrainingError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
