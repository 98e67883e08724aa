import Foundation
import Synchronization
import TriageModel

/// Trains a ``LocalModel`` from labelled tickets.
///
/// Features: ``FeatureHasher`` word 1–2-grams and character 3–5-grams with sublinear term frequency, × smoothed
/// inverse document frequency, L2-normalized. Classifier: one-vs-rest linear SVMs (squared hinge, L2) by dual
/// coordinate descent (``LinearSVM``), each example's cost scaled by a class weight so small classes are not
/// drowned by large ones. Calibration: a softmax temperature fitted on a held-out slice chosen by a stable hash of
/// the ticket id and the seed; the held-out tickets are then added and training continues from the same solution,
/// so the final weights use every example. Up to ``Options/crossValidationLimit`` examples (or when that slice
/// would be too small) the temperature is fitted on 5-fold out-of-fold scores instead, and only for tiny sets on
/// the training examples themselves.
///
/// Deterministic: examples are put in a canonical order (by a hash of the id and the seed, then their content),
/// features are extracted in parallel into fixed positions, and the solver runs on one thread with a seeded
/// permutation — the same examples in any order, with any number of threads, give the same bytes.
public enum LocalModelTrainer {
    /// Training settings.
    public struct Options: Sendable, Hashable {
        /// Feature settings; `nil` picks the most buckets (2¹⁶…2²⁰) that keep the model file under
        /// ``maximumModelBytes``.
        public var hasher: FeatureHasher?
        /// SVM cost `C` (larger fits the training tickets more closely).
        public var cost: Double
        /// Class weight exponent: each example's cost is multiplied by `(n / (classes × n_class))^p`; 0 turns class
        /// weighting off, 1 is scikit-learn's `balanced`.
        public var classWeightPower: Double
        /// Most passes of the solver over the examples.
        public var maxEpochs: Int
        /// The solver stops when the largest projected-gradient violation of a pass is below this.
        public var tolerance: Double
        /// Share of examples held out to fit the temperature (0 fits it by cross-validation or on the examples).
        public var calibrationFraction: Double
        /// Below this many held-out examples the temperature is fitted by cross-validation instead.
        public var minimumCalibrationExamples: Int
        /// Up to this many examples the temperature is fitted on out-of-fold scores of a k-fold cross-validation
        /// (every example scored by a model that did not see it: a steadier fit on small and unbalanced sets);
        /// above it, on the held-out slice (one training instead of k).
        public var crossValidationLimit: Int
        /// Fewest priority-labelled examples (of at least two priorities) for a learned priority head.
        public var minimumPriorityExamples: Int
        public var seed: UInt64
        /// Threads used for feature extraction (≥ 1); the result does not depend on it.
        public var workers: Int
        /// Recorded as ``LocalModel/Metadata/trainedAt``; pass a fixed date for reproducible files.
        public var trainedAt: Date?

        public init(hasher: FeatureHasher? = nil, cost: Double = 1, classWeightPower: Double = 0.5,
                    maxEpochs: Int = 30, tolerance: Double = 0.1, calibrationFraction: Double = 0.1,
                    minimumCalibrationExamples: Int = 30, crossValidationLimit: Int = 20_000,
                    minimumPriorityExamples: Int = 20, seed: UInt64 = 42,
                    workers: Int = ProcessInfo.processInfo.activeProcessorCount, trainedAt: Date? = nil) {
            self.hasher = hasher
            self.cost = cost
            self.classWeightPower = classWeightPower
            self.maxEpochs = maxEpochs
            self.tolerance = tolerance
            self.calibrationFraction = calibrationFraction
            self.minimumCalibrationExamples = minimumCalibrationExamples
            self.crossValidationLimit = crossValidationLimit
            self.minimumPriorityExamples = minimumPriorityExamples
            self.seed = seed
            self.workers = workers
            self.trainedAt = trainedAt
        }
    }

    /// The size the automatic bucket count keeps model files under.
    public static let maximumModelBytes = 48_000_000

    /// The feature settings for `labelCount` department and `priorityCount` priority labels.
    static func hasher(_ options: Options, labelCount: Int, priorityCount: Int) -> FeatureHasher {
        if let hasher = options.hasher { return hasher }
        var bits = 20
        while bits > 16 && ((1 << bits) + 1) * (labelCount + priorityCount + 1) * 4 > maximumModelBytes { bits -= 1 }
        return FeatureHasher(hashBits: bits)
    }

    /// Folds of the cross-validation used when the held-out slice is too small.
    static let folds = 5

    /// Trains on `examples`; labels are the distinct departments, sorted.
    public static func train(examples input: [LabeledText], options given: Options = Options()) throws -> LocalModel {
        try validate(given)
        let labels = Array(Set(input.map(\.department))).sorted()
        guard labels.count >= 2 else {
            throw LocalModelError.notEnoughLabels(examples: input.count, departments: labels.count)
        }
        var options = given
        let priorityCount = Set(input.compactMap(\.priority)).count
        options.hasher = hasher(given, labelCount: labels.count, priorityCount: priorityCount)
        let examples = canonicalOrder(input, seed: options.seed)
        let frequencies = termFrequencies(examples, options: options)
        let idf = inverseDocumentFrequencies(frequencies, bucketCount: options.hasher!.bucketCount)
        let rows = frequencies.map { $0.weighted(by: idf) }
        let heldOut = examples.map(isHeldOut(options))

        let labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let department = try fitHead(rows: rows, truth: examples.map { labelIndex[$0.department]! },
                                     labels: labels, heldOut: heldOut, ids: examples.map(\.id), options: options)

        var priority: (head: LocalModel.Head, weights: [Float])?
        let prioritised = examples.indices.filter { examples[$0].priority != nil }
        let priorityLabels = Array(Set(prioritised.map { examples[$0].priority!.rawValue })).sorted()
        if prioritised.count >= options.minimumPriorityExamples, priorityLabels.count >= 2 {
            let priorityIndex = Dictionary(uniqueKeysWithValues: priorityLabels.enumerated().map { ($1, $0) })
            priority = try fitHead(rows: prioritised.map { rows[$0] },
                                   truth: prioritised.map { priorityIndex[examples[$0].priority!.rawValue]! },
                                   labels: priorityLabels, heldOut: prioritised.map { heldOut[$0] },
                                   ids: prioritised.map { examples[$0].id }, options: options)
        }

        var fingerprintBytes = department.weights.withUnsafeBytes { Array($0) }
        if let priority { priority.weights.withUnsafeBytes { fingerprintBytes.append(contentsOf: $0) } }
        let fingerprint = StableHash.hash(bytes: fingerprintBytes)
        let metadata = LocalModel.Metadata(
            modelVersion: "\(LocalModel.modelName)-\(String(fingerprint, radix: 16).prefix(10))",
            trainedAt: options.trainedAt ?? Date(), labels: labels, hasher: options.hasher!,
            temperature: department.head.temperature, calibration: department.head.calibration,
            exampleCount: examples.count, seed: options.seed, priority: priority?.head)
        return LocalModel(metadata: metadata, weights: department.weights, idf: idf,
                          priorityWeights: priority?.weights ?? [])
    }

    /// Sorted by a hash of the id and the seed, ties broken by content, so the input order does not matter.
    static func canonicalOrder(_ examples: [LabeledText], seed: UInt64) -> [LabeledText] {
        let keyed = examples.map { (StableHash.hash($0.id, seed: seed), $0) }
        return keyed.sorted { a, b in
            if a.0 != b.0 { return a.0 < b.0 }
            let x = a.1, y = b.1
            if x.id != y.id { return x.id < y.id }
            if x.department != y.department { return x.department < y.department }
            if x.subject != y.subject { return x.subject < y.subject }
            if x.body != y.body { return x.body < y.body }
            return (x.priority?.rawValue ?? "") < (y.priority?.rawValue ?? "")
        }.map(\.1)
    }

    private static func isHeldOut(_ options: Options) -> (LabeledText) -> Bool {
        let threshold = UInt64(options.calibrationFraction * 10_000)
        return { StableHash.hash($0.id, seed: options.seed) % 10_000 < threshold }
    }

    /// Term frequencies of every example, extracted in parallel into fixed positions.
    static func termFrequencies(_ examples: [LabeledText], options: Options) -> [SparseFeatures] {
        let stripes = max(1, min(options.workers, examples.count / 64 + 1))
        let results = ResultSlots(count: examples.count)
        DispatchQueue.concurrentPerform(iterations: stripes) { stripe in
            var position = stripe
            while position < examples.count {
                results.set(position, options.hasher!.termFrequencies(subject: examples[position].subject,
                                                                     body: examples[position].body))
                position += stripes
            }
        }
        return results.values
    }

    /// Smoothed IDF, `log((1 + n) / (1 + df)) + 1`, and 0 for buckets no example has.
    static func inverseDocumentFrequencies(_ rows: [SparseFeatures], bucketCount: Int) -> [Float] {
        var documentFrequency = [Int32](repeating: 0, count: bucketCount)
        documentFrequency.withUnsafeMutableBufferPointer { df in
            for row in rows { for index in row.indices { df[Int(index)] += 1 } }
        }
        let n = Double(rows.count)
        return documentFrequency.map { $0 == 0 ? 0 : Float(log((1 + n) / (1 + Double($0))) + 1) }
    }

    /// Fits one head (weights + temperature) on `rows` with label indices `truth`.
    static func fitHead(rows: [SparseFeatures], truth: [Int], labels: [String], heldOut: [Bool], ids: [String],
                        options: Options) throws -> (head: LocalModel.Head, weights: [Float]) {
        let labelCount = labels.count
        let bucketCount = options.hasher!.bucketCount
        let costs = exampleCosts(truth: truth, labelCount: labelCount, options: options)
        let training = rows.indices.filter { !heldOut[$0] }
        let held = rows.indices.filter { heldOut[$0] }
        func solve(_ order: [Int], into svm: inout LinearSVM, matrix: FeatureMatrix, rowLimit: Int? = nil) {
            svm.train(matrix, truth: order.map { truth[$0] }, costs: order.map { costs[$0] }, epochs: options.maxEpochs,
                      tolerance: Float(options.tolerance), seed: options.seed, rowLimit: rowLimit, workers: options.workers)
        }
        let temperature: Double
        let calibration: String
        var svm = LinearSVM(labelCount: labelCount, bucketCount: bucketCount)
        if rows.count > options.crossValidationLimit, held.count >= options.minimumCalibrationExamples,
           Set(training.map { truth[$0] }).count >= 2 {
            let order = training + held
            let matrix = FeatureMatrix(order.map { rows[$0] })
            solve(order, into: &svm, matrix: matrix, rowLimit: training.count)
            let scores = held.map { LocalModel.scores(rows[$0], weights: svm.weights, labelCount: labelCount) }
            temperature = TemperatureScaling.fit(scores: scores, truth: held.map { truth[$0] })
            calibration = "held-out"
            solve(order, into: &svm, matrix: matrix)
        } else {
            let all = Array(rows.indices)
            var scores: [[Double]] = []
            var scoredTruth: [Int] = []
            let fold = ids.map { Int(StableHash.hash($0, seed: options.seed ^ 0xF01D) % UInt64(folds)) }
            for current in 0..<folds {
                let inside = all.filter { fold[$0] == current }
                let outside = all.filter { fold[$0] != current }
                guard !inside.isEmpty, Set(outside.map { truth[$0] }).count >= 2 else { continue }
                var foldSVM = LinearSVM(labelCount: labelCount, bucketCount: bucketCount)
                solve(outside, into: &foldSVM, matrix: FeatureMatrix(outside.map { rows[$0] }))
                for row in inside {
                    scores.append(LocalModel.scores(rows[row], weights: foldSVM.weights, labelCount: labelCount))
                    scoredTruth.append(truth[row])
                }
            }
            solve(all, into: &svm, matrix: FeatureMatrix(rows))
            if scores.count >= options.minimumCalibrationExamples / 3 {
                temperature = TemperatureScaling.fit(scores: scores, truth: scoredTruth)
                calibration = "cross-validated (\(folds) folds)"
            } else {
                temperature = TemperatureScaling.fit(
                    scores: rows.map { LocalModel.scores($0, weights: svm.weights, labelCount: labelCount) }, truth: truth)
                calibration = "training"
            }
        }
        let head = LocalModel.Head(labels: labels, temperature: temperature, calibration: calibration,
                                   exampleCount: rows.count)
        return (head, svm.weights)
    }

    /// `cost × (n / (classes × n_class))^power` per example.
    static func exampleCosts(truth: [Int], labelCount: Int, options: Options) -> [Float] {
        var counts = [Int](repeating: 0, count: labelCount)
        for label in truth { counts[label] += 1 }
        let present = Double(counts.filter { $0 > 0 }.count)
        let weights = counts.map { count in
            count == 0 ? 0 : options.cost * pow(Double(truth.count) / (present * Double(count)), options.classWeightPower)
        }
        return truth.map { Float(weights[$0]) }
    }

    private static func validate(_ options: Options) throws {
        if let bits = options.hasher?.hashBits, !(8...24).contains(bits) {
            throw LocalModelError.invalidOption(name: "hashBits", value: "\(bits)", expected: "8…24")
        }
        guard options.cost > 0 else {
            throw LocalModelError.invalidOption(name: "cost", value: "\(options.cost)", expected: "> 0")
        }
        guard options.classWeightPower >= 0 && options.classWeightPower <= 1 else {
            throw LocalModelError.invalidOption(name: "classWeightPower", value: "\(options.classWeightPower)", expected: "0…1")
        }
        guard options.maxEpochs >= 1 else {
            throw LocalModelError.invalidOption(name: "maxEpochs", value: "\(options.maxEpochs)", expected: "≥ 1")
        }
        guard (0..<1).contains(options.calibrationFraction) else {
            throw LocalModelError.invalidOption(
                name: "calibrationFraction", value: "\(options.calibrationFraction)", expected: "0 ≤ x < 1")
        }
        guard options.workers >= 1 else {
            throw LocalModelError.invalidOption(name: "workers", value: "\(options.workers)", expected: "≥ 1")
        }
    }
}

/// Fixed slots filled from several threads, each slot by exactly one.
private final class ResultSlots: Sendable {
    private let storage: Mutex<[SparseFeatures]>

    init(count: Int) {
        storage = Mutex(Array(repeating: SparseFeatures(indices: [], values: []), count: count))
    }

    func set(_ index: Int, _ value: SparseFeatures) {
        storage.withLock { $0[index] = value }
    }

    var values: [SparseFeatures] { storage.withLock { $0 } }
}
