import Foundation
import Testing
import TriageModel
@testable import TriageClassify

@Suite("LocalModelTrainer")
struct LocalModelTrainerTests {
    static let fixedDate = Date(timeIntervalSince1970: 1_800_000_000)
    /// The held-out-slice path (the one large stores take) on the small fixture set.
    static let options = LocalModelTrainer.Options(calibrationFraction: 0.2, minimumCalibrationExamples: 10,
                                                   crossValidationLimit: 0, seed: 7, trainedAt: fixedDate)

    @Test func reachesMeaningfulAccuracyOnHeldOutTickets() throws {
        let model = try LocalModelTrainer.train(examples: TrainingTickets.training(), options: Self.options)
        let heldOut = TrainingTickets.heldOut()
        let correct = heldOut.filter { model.predict(subject: $0.subject, body: $0.body).department == $0.department }
        let accuracy = Double(correct.count) / Double(heldOut.count)
        // Chance is 1/8; the held-out sentences never appear in training.
        #expect(accuracy >= 0.85, "held-out accuracy \(accuracy)")
        #expect(model.labels == TrainingTickets.departments.map(\.name).sorted())
        #expect(model.metadata.calibration == "held-out")
    }

    @Test func trainingIsDeterministicForASeed() throws {
        let first = try LocalModelTrainer.train(examples: TrainingTickets.training(), options: Self.options)
        let second = try LocalModelTrainer.train(examples: TrainingTickets.training(), options: Self.options)
        #expect(first.weights == second.weights)
        #expect(first.metadata == second.metadata)
        #expect(try first.encoded() == second.encoded())
    }

    @Test func singleThreadedTrainingMatchesParallelTraining() throws {
        var serial = Self.options
        serial.workers = 1
        var parallel = Self.options
        parallel.workers = 4
        let a = try LocalModelTrainer.train(examples: TrainingTickets.training(), options: serial)
        let b = try LocalModelTrainer.train(examples: TrainingTickets.training(), options: parallel)
        #expect(a.weights == b.weights)
        #expect(a.metadata.temperature == b.metadata.temperature)
    }

    @Test func exampleOrderDoesNotChangeTheModel() throws {
        let examples = TrainingTickets.training()
        let forward = try LocalModelTrainer.train(examples: examples, options: Self.options)
        let backward = try LocalModelTrainer.train(examples: examples.reversed(), options: Self.options)
        #expect(forward.weights == backward.weights)
        #expect(forward.metadata.temperature == backward.metadata.temperature)
    }

    @Test func calibrationLowersExpectedCalibrationError() throws {
        let model = try LocalModelTrainer.train(examples: TrainingTickets.training(), options: Self.options)
        var uncalibrated = model
        uncalibrated.metadata.temperature = 1
        func ece(_ model: LocalModel) -> Double {
            let predictions = TrainingTickets.heldOut().map { ticket in
                let prediction = model.predict(subject: ticket.subject, body: ticket.body)
                return Prediction(id: ticket.id, truth: ticket.department, predicted: prediction.department,
                                  confidence: prediction.confidence)
            }
            return Evaluation.report(predictions: predictions).expectedCalibrationError
        }
        #expect(model.metadata.temperature != 1)
        #expect(ece(model) < ece(uncalibrated))
    }

    /// Up to `crossValidationLimit` examples the temperature comes from out-of-fold scores even when the held-out
    /// slice would be large enough.
    @Test func setsUpToTheLimitAreCalibratedByKFold() throws {
        let examples = TrainingTickets.training()
        var options = Self.options
        options.crossValidationLimit = examples.count
        let model = try LocalModelTrainer.train(examples: examples, options: options)
        #expect(model.metadata.calibration == "cross-validated (5 folds)")
        options.crossValidationLimit = examples.count - 1
        #expect(try LocalModelTrainer.train(examples: examples, options: options).metadata.calibration == "held-out")
    }

    @Test func smallSetsFitTheTemperatureOnCrossValidatedScores() throws {
        let examples = Array(TrainingTickets.training().prefix(60))
        let model = try LocalModelTrainer.train(examples: examples, options: .init(minimumCalibrationExamples: 30))
        #expect(model.metadata.calibration == "cross-validated (5 folds)")
        #expect(model.metadata.exampleCount == 60)
        let tiny = try LocalModelTrainer.train(examples: Array(examples.prefix(6)) + Array(examples.suffix(2)),
                                               options: .init(minimumCalibrationExamples: 30))
        #expect(tiny.metadata.calibration == "training")
    }

    /// With no held-out slice, a temperature fitted on out-of-fold scores predicts unseen tickets at least as well
    /// (held-out negative log-likelihood) as one fitted on the examples the weights were trained on.
    @Test func crossValidatedCalibrationGeneralizesAtLeastAsWellAsTrainingFit() throws {
        let options = LocalModelTrainer.Options(calibrationFraction: 0, minimumCalibrationExamples: 30, seed: 3)
        let model = try LocalModelTrainer.train(examples: TrainingTickets.training(), options: options)
        #expect(model.metadata.calibration == "cross-validated (5 folds)")
        var trainingFit = options
        trainingFit.minimumCalibrationExamples = 10_000
        let overfit = try LocalModelTrainer.train(examples: TrainingTickets.training(), options: trainingFit)
        #expect(overfit.metadata.calibration == "training")
        #expect(model.weights == overfit.weights)
        func heldOutLoss(_ model: LocalModel) -> Double {
            let heldOut = TrainingTickets.heldOut()
            let scores = heldOut.map { model.scores(subject: $0.subject, body: $0.body) }
            let truth = heldOut.map { model.labels.firstIndex(of: $0.department)! }
            return TemperatureScaling.negativeLogLikelihood(scores: scores, truth: truth, temperature: model.metadata.temperature)
        }
        #expect(heldOutLoss(model) <= heldOutLoss(overfit))
    }

    @Test func oneDepartmentIsNotEnough() {
        let examples = TrainingTickets.training().filter { $0.department == "Billing" }
        #expect(throws: LocalModelError.notEnoughLabels(examples: examples.count, departments: 1)) {
            try LocalModelTrainer.train(examples: examples)
        }
    }

    @Test func invalidOptionsAreRejected() {
        #expect(throws: LocalModelError.self) {
            try LocalModelTrainer.train(examples: TrainingTickets.training(), options: .init(hasher: FeatureHasher(hashBits: 30)))
        }
        #expect(throws: LocalModelError.self) {
            try LocalModelTrainer.train(examples: TrainingTickets.training(), options: .init(calibrationFraction: 1))
        }
    }
}

@Suite("LocalModelTrainer class weights and priority")
struct LocalModelTrainerBalanceTests {
    /// Every department but one keeps all its tickets; `rare` keeps only a few. Class weighting must not let the
    /// large departments swallow it.
    static func unbalanced(rare: String, keep: Int) -> [LabeledText] {
        var kept = 0
        return TrainingTickets.training().filter { ticket in
            guard ticket.department == rare else { return true }
            kept += 1
            return kept <= keep
        }
    }

    static func recall(_ model: LocalModel, of department: String) -> Double {
        let tickets = TrainingTickets.heldOut().filter { $0.department == department }
        let hits = tickets.filter { model.predict(subject: $0.subject, body: $0.body).department == department }
        return Double(hits.count) / Double(tickets.count)
    }

    @Test func classWeightsKeepARareDepartmentRecognisable() throws {
        let rare = TrainingTickets.departments[0].name
        let examples = Self.unbalanced(rare: rare, keep: 4)
        let weighted = try LocalModelTrainer.train(examples: examples, options: .init(classWeightPower: 1, seed: 3))
        let unweighted = try LocalModelTrainer.train(examples: examples, options: .init(classWeightPower: 0, seed: 3))
        #expect(Self.recall(weighted, of: rare) >= Self.recall(unweighted, of: rare))
        #expect(Self.recall(weighted, of: rare) >= 0.5, "recall \(Self.recall(weighted, of: rare))")
        let costs = LocalModelTrainer.exampleCosts(truth: [0, 0, 0, 1], labelCount: 2,
                                                   options: .init(cost: 2, classWeightPower: 1))
        #expect(costs == [Float(2 * 4.0 / 6), Float(2 * 4.0 / 6), Float(2 * 4.0 / 6), 4])
    }

    @Test func priorityIsLearnedFromPriorityLabels() throws {
        // Priority follows the department here, so a learned head can get it right where keywords cannot.
        let urgent = Set(TrainingTickets.departments.prefix(3).map(\.name))
        let examples = TrainingTickets.training().map { ticket in
            var ticket = ticket
            ticket.priority = urgent.contains(ticket.department) ? .urgent : .low
            return ticket
        }
        let model = try LocalModelTrainer.train(examples: examples, options: .init(seed: 3))
        #expect(model.metadata.priority?.labels == ["low", "urgent"])
        let heldOut = TrainingTickets.heldOut()
        let right = heldOut.filter { ticket in
            model.predict(subject: ticket.subject, body: ticket.body).priority == (urgent.contains(ticket.department) ? "urgent" : "low")
        }
        #expect(Double(right.count) / Double(heldOut.count) >= 0.85)
        let classifier = LocalClassifier(model: model)
        let first = heldOut[0]
        #expect(classifier.result(subject: first.subject, body: first.body).priority
            == (urgent.contains(first.department) ? .urgent : .low))

        let unlabelled = try LocalModelTrainer.train(examples: TrainingTickets.training(), options: .init(seed: 3))
        #expect(unlabelled.metadata.priority == nil)
        #expect(unlabelled.priorityWeights.isEmpty)
    }

    @Test func theBucketCountKeepsTheFileUnderTheLimit() {
        let many = LocalModelTrainer.hasher(.init(), labelCount: 77, priorityCount: 4)
        #expect(((1 << many.hashBits) + 1) * (77 + 4 + 1) * 4 <= LocalModelTrainer.maximumModelBytes)
        #expect(LocalModelTrainer.hasher(.init(), labelCount: 8, priorityCount: 0).hashBits == 20)
        #expect(LocalModelTrainer.hasher(.init(hasher: FeatureHasher(hashBits: 12)), labelCount: 8, priorityCount: 0).hashBits == 12)
    }
}
