import Foundation

/// Trains a ``LocalModel`` from labelled tickets.
///
/// Complement naive Bayes (Rennie et al., 2003) over ``FeatureHasher`` features: one counting pass (split over the
/// cores, merged in a fixed order so the result is deterministic), then a temperature fitted on a held-out slice
/// chosen by a stable hash of the ticket id and the seed, then the held-out counts are added back so the final
/// weights use every example. When that slice would be too small (small stores), the temperature is fitted on
/// 5-fold cross-validated scores instead, and only for tiny sets on the training examples themselves.
public enum LocalModelTrainer {
    /// Training settings.
    public struct Options: Sendable, Hashable {
        public var hasher: FeatureHasher
        /// Additive smoothing per bucket.
        public var alpha: Double
        /// Share of examples held out to fit the temperature (0 fits it on the training examples).
        public var calibrationFraction: Double
        /// Below this many held-out examples the temperature is fitted on the training examples instead.
        public var minimumCalibrationExamples: Int
        public var seed: UInt64
        /// Threads used for feature extraction (≥ 1).
        public var workers: Int
        /// Recorded as ``LocalModel/Metadata/trainedAt``; pass a fixed date for reproducible files.
        public var trainedAt: Date?

        public init(hasher: FeatureHasher = FeatureHasher(), alpha: Double = 0.1, calibrationFraction: Double = 0.1,
                    minimumCalibrationExamples: Int = 30, seed: UInt64 = 42,
                    workers: Int = ProcessInfo.processInfo.activeProcessorCount, trainedAt: Date? = nil) {
            self.hasher = hasher
            self.alpha = alpha
            self.calibrationFraction = calibrationFraction
            self.minimumCalibrationExamples = minimumCalibrationExamples
            self.seed = seed
            self.workers = workers
            self.trainedAt = trainedAt
        }
    }

    /// Trains on `examples`; labels are the distinct departments, sorted.
    public static func train(examples: [LabeledText], options: Options = Options()) throws -> LocalModel {
        try validate(options)
        let labels = Array(Set(examples.map(\.department))).sorted()
        guard labels.count >= 2 else {
            throw LocalModelError.notEnoughLabels(examples: examples.count, departments: labels.count)
        }
        let labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let truth = examples.map { labelIndex[$0.department]! }
        let features = extractFeatures(examples, hasher: options.hasher, workers: options.workers)

        let threshold = UInt64(options.calibrationFraction * 10_000)
        var heldOut: [Int] = []
        var training: [Int] = []
        for index in examples.indices {
            if StableHash.hash(examples[index].id, seed: options.seed) % 10_000 < threshold {
                heldOut.append(index)
            } else {
                training.append(index)
            }
        }
        let labelCount = labels.count
        let useHeldOut = heldOut.count >= options.minimumCalibrationExamples && Set(training.map { truth[$0] }).count >= 2
        let temperature: Double
        let calibration: String
        var counts = [Double](repeating: 0, count: options.hasher.bucketCount * labelCount)
        if useHeldOut {
            accumulate(training, features: features, truth: truth, labelCount: labelCount, into: &counts)
            let weights = complementWeights(counts, labelCount: labelCount, alpha: options.alpha)
            let scores = heldOut.map { LocalModel.scores(features[$0], weights: weights, labelCount: labelCount) }
            temperature = TemperatureScaling.fit(scores: scores, truth: heldOut.map { truth[$0] })
            calibration = "held-out"
            accumulate(heldOut, features: features, truth: truth, labelCount: labelCount, into: &counts)
        } else {
            let all = Array(examples.indices)
            let (scores, scoredTruth) = crossValidatedScores(
                all, examples: examples, features: features, truth: truth, labelCount: labelCount, options: options)
            accumulate(all, features: features, truth: truth, labelCount: labelCount, into: &counts)
            if scores.count >= options.minimumCalibrationExamples / 3 {
                temperature = TemperatureScaling.fit(scores: scores, truth: scoredTruth)
                calibration = "cross-validated (\(Self.folds) folds)"
            } else {
                let weights = complementWeights(counts, labelCount: labelCount, alpha: options.alpha)
                temperature = TemperatureScaling.fit(
                    scores: all.map { LocalModel.scores(features[$0], weights: weights, labelCount: labelCount) }, truth: truth)
                calibration = "training"
            }
        }
        let weights = complementWeights(counts, labelCount: labelCount, alpha: options.alpha)

        let fingerprint = weights.withUnsafeBytes { StableHash.hash(bytes: $0) }
        let metadata = LocalModel.Metadata(
            modelVersion: "\(LocalModel.modelName)-\(String(fingerprint, radix: 16).prefix(10))",
            trainedAt: options.trainedAt ?? Date(), labels: labels, hasher: options.hasher,
            temperature: temperature, calibration: calibration,
            exampleCount: examples.count, seed: options.seed)
        return LocalModel(metadata: metadata, weights: weights)
    }

    /// Folds of the cross-validation used when the held-out slice is too small.
    static let folds = 5

    /// Out-of-fold scores: each example scored by weights trained on the other folds (folds by stable id hash).
    /// Folds whose complement has fewer than two labels are skipped.
    private static func crossValidatedScores(_ rows: [Int], examples: [LabeledText], features: [SparseFeatures],
                                             truth: [Int], labelCount: Int, options: Options) -> ([[Double]], [Int]) {
        let fold = rows.map { Int(StableHash.hash(examples[$0].id, seed: options.seed ^ 0xF01D) % UInt64(folds)) }
        var scores: [[Double]] = []
        var scoredTruth: [Int] = []
        for current in 0..<folds {
            let inside = rows.indices.filter { fold[$0] == current }.map { rows[$0] }
            let outside = rows.indices.filter { fold[$0] != current }.map { rows[$0] }
            guard !inside.isEmpty, Set(outside.map { truth[$0] }).count >= 2 else { continue }
            var counts = [Double](repeating: 0, count: options.hasher.bucketCount * labelCount)
            accumulate(outside, features: features, truth: truth, labelCount: labelCount, into: &counts)
            let weights = complementWeights(counts, labelCount: labelCount, alpha: options.alpha)
            for row in inside {
                scores.append(LocalModel.scores(features[row], weights: weights, labelCount: labelCount))
                scoredTruth.append(truth[row])
            }
        }
        return (scores, scoredTruth)
    }

    private static func validate(_ options: Options) throws {
        guard (8...24).contains(options.hasher.hashBits) else {
            throw LocalModelError.invalidOption(name: "hashBits", value: "\(options.hasher.hashBits)", expected: "8…24")
        }
        guard options.alpha > 0 else {
            throw LocalModelError.invalidOption(name: "alpha", value: "\(options.alpha)", expected: "> 0")
        }
        guard (0..<1).contains(options.calibrationFraction) else {
            throw LocalModelError.invalidOption(
                name: "calibrationFraction", value: "\(options.calibrationFraction)", expected: "0 ≤ x < 1")
        }
    }

    /// Hashes every example, using up to `workers` threads; the output is in input order.
    static func extractFeatures(_ examples: [LabeledText], hasher: FeatureHasher, workers: Int) -> [SparseFeatures] {
        let box = ResultBox(count: examples.count)
        let stripes = max(1, min(workers, examples.count / 64 + 1))
        DispatchQueue.concurrentPerform(iterations: stripes) { stripe in
            var local: [(Int, SparseFeatures)] = []
            var index = stripe
            while index < examples.count {
                local.append((index, hasher.features(subject: examples[index].subject, body: examples[index].body)))
                index += stripes
            }
            box.store(local)
        }
        return box.values()
    }

    private static func accumulate(_ rows: [Int], features: [SparseFeatures], truth: [Int], labelCount: Int,
                                   into counts: inout [Double]) {
        counts.withUnsafeMutableBufferPointer { c in
            for row in rows {
                let label = truth[row]
                let feature = features[row]
                for position in feature.indices.indices {
                    c[Int(feature.indices[position]) &* labelCount &+ label] += Double(feature.values[position])
                }
            }
        }
    }

    /// `w[i, c] = -log(θ̃[i, c])`, θ̃ the smoothed feature distribution of every class but `c`.
    static func complementWeights(_ counts: [Double], labelCount: Int, alpha: Double) -> [Float] {
        let buckets = counts.count / labelCount
        var bucketTotals = [Double](repeating: 0, count: buckets)
        var classTotals = [Double](repeating: 0, count: labelCount)
        for bucket in 0..<buckets {
            var total = 0.0
            for label in 0..<labelCount {
                let value = counts[bucket * labelCount + label]
                total += value
                classTotals[label] += value
            }
            bucketTotals[bucket] = total
        }
        let grandTotal = classTotals.reduce(0, +)
        let complementTotals = classTotals.map { grandTotal - $0 + alpha * Double(buckets) }
        var weights = [Float](repeating: 0, count: counts.count)
        for bucket in 0..<buckets {
            for label in 0..<labelCount {
                let complement = bucketTotals[bucket] - counts[bucket * labelCount + label] + alpha
                weights[bucket * labelCount + label] = Float(-log(complement / complementTotals[label]))
            }
        }
        return weights
    }
}

/// Collects per-thread results of `concurrentPerform`.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [SparseFeatures]

    init(count: Int) {
        storage = Array(repeating: SparseFeatures(indices: [], values: []), count: count)
    }

    func store(_ items: [(Int, SparseFeatures)]) {
        lock.lock()
        defer { lock.unlock() }
        for (index, value) in items { storage[index] = value }
    }

    func values() -> [SparseFeatures] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
