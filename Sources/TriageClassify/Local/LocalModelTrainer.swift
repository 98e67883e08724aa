import Foundation

/// Trains a ``LocalModel`` from labelled tickets.
///
/// Complement naive Bayes (Rennie et al., 2003) over ``FeatureHasher`` features: one counting pass split over the
/// cores, streaming (only held-out features are kept in memory) and in fixed-point integers, so the weights do not
/// depend on the number of threads or the order of the examples; then a temperature fitted on a held-out slice
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
        let counter = Counter(examples: examples, truth: truth, labelCount: labels.count, options: options)

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
        let useHeldOut = heldOut.count >= options.minimumCalibrationExamples && Set(training.map { truth[$0] }).count >= 2
        let temperature: Double
        let calibration: String
        var counts: [Int64]
        if useHeldOut {
            counts = counter.count(training)
            let weights = counter.weights(counts)
            let features = counter.features(heldOut)
            let scores = features.map { LocalModel.scores($0, weights: weights, labelCount: labels.count) }
            temperature = TemperatureScaling.fit(scores: scores, truth: heldOut.map { truth[$0] })
            calibration = "held-out"
            counter.add(zip(heldOut, features), to: &counts)
        } else {
            let all = Array(examples.indices)
            let features = counter.features(all)
            counts = [Int64](repeating: 0, count: counter.size)
            counter.add(zip(all, features), to: &counts)
            let (scores, scoredTruth) = counter.crossValidatedScores(all, features: features, folds: Self.folds)
            if scores.count >= options.minimumCalibrationExamples / 3 {
                temperature = TemperatureScaling.fit(scores: scores, truth: scoredTruth)
                calibration = "cross-validated (\(Self.folds) folds)"
            } else {
                let weights = counter.weights(counts)
                temperature = TemperatureScaling.fit(
                    scores: features.map { LocalModel.scores($0, weights: weights, labelCount: labels.count) }, truth: truth)
                calibration = "training"
            }
        }
        let weights = counter.weights(counts)

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
        guard options.workers >= 1 else {
            throw LocalModelError.invalidOption(name: "workers", value: "\(options.workers)", expected: "≥ 1")
        }
    }
}
