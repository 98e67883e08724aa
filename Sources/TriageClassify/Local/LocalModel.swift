import Foundation

/// A trained linear text classifier: complement naive Bayes weights over hashed n-grams plus a fitted temperature.
///
/// Scores are `x · w_c` for each department `c`; probabilities are `softmax(scores / temperature)`, where the
/// temperature was fitted on a held-out slice so confidence tracks accuracy. Create one with
/// ``LocalModelTrainer/train(examples:options:)``; persist it with ``save(to:)`` and ``load(from:)``.
public struct LocalModel: Sendable {
    /// The model name results carry in `TriageResult.model`.
    public static let modelName = "local-linear-v1"

    /// Facts about a trained model, stored in the file header.
    public struct Metadata: Sendable, Hashable, Codable {
        /// Identifies these weights (`TriageResult.promptVersion`): the name plus a fingerprint of the weights.
        public var modelVersion: String
        public var trainedAt: Date
        /// Departments, in weight order.
        public var labels: [String]
        public var hasher: FeatureHasher
        /// Softmax temperature fitted by ``TemperatureScaling``.
        public var temperature: Double
        /// Where the temperature was fitted: `held-out`, `cross-validated (5 folds)` (too few examples to hold a
        /// slice out) or `training` (tiny sets).
        public var calibration: String
        public var exampleCount: Int
        public var seed: UInt64
    }

    public var metadata: Metadata
    /// `weights[bucket * labels.count + label]`: bucket-major so one feature's weights are contiguous.
    public var weights: [Float]

    public init(metadata: Metadata, weights: [Float]) {
        self.metadata = metadata
        self.weights = weights
    }

    public var labels: [String] { metadata.labels }
    public var modelVersion: String { metadata.modelVersion }
}
