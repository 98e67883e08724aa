import Foundation

/// A trained linear text classifier: inverse document frequencies, one-vs-rest linear SVM weights over hashed
/// n-grams per department, a fitted softmax temperature, and optionally the same for the priority labels.
///
/// A ticket's features are sublinear term frequencies × ``idf``, L2-normalized; scores are `x · w_c + b_c` for each
/// label `c`; probabilities are `softmax(scores / temperature)`, where the temperature was fitted on tickets the
/// weights had not seen so confidence tracks accuracy. Create one with ``LocalModelTrainer/train(examples:options:)``;
/// persist it with ``save(to:)`` and ``load(from:)``.
public struct LocalModel: Sendable {
    /// The model name results carry in `TriageResult.model`.
    public static let modelName = "local-linear-v2"

    /// Facts about one set of weights (departments or priorities).
    public struct Head: Sendable, Hashable, Codable {
        /// Labels, in weight order.
        public var labels: [String]
        /// Softmax temperature fitted by ``TemperatureScaling``.
        public var temperature: Double
        /// Where the temperature was fitted: `held-out`, `cross-validated (5 folds)` or `training` (tiny sets).
        public var calibration: String
        public var exampleCount: Int
    }

    /// Facts about a trained model, stored in the file header.
    public struct Metadata: Sendable, Hashable, Codable {
        /// Identifies these weights (`TriageResult.promptVersion`): the name plus a fingerprint of the weights.
        public var modelVersion: String
        public var trainedAt: Date
        /// Departments, in weight order.
        public var labels: [String]
        public var hasher: FeatureHasher
        /// Softmax temperature of the department scores.
        public var temperature: Double
        /// Where the department temperature was fitted: `held-out`, `cross-validated (5 folds)` or `training`.
        public var calibration: String
        public var exampleCount: Int
        public var seed: UInt64
        /// The priority head, when the training tickets carried enough priority labels.
        public var priority: Head?
    }

    public var metadata: Metadata
    /// Department weights, `weights[bucket * labels.count + label]` (bucket-major so one feature's weights are
    /// contiguous); the last row (`bucket == hasher.bucketCount`) is the bias.
    public var weights: [Float]
    /// Inverse document frequency per bucket; 0 for buckets no training ticket had (those features are ignored).
    public var idf: [Float]
    /// Priority weights in the same layout (empty without a priority head).
    public var priorityWeights: [Float]

    public init(metadata: Metadata, weights: [Float], idf: [Float], priorityWeights: [Float] = []) {
        self.metadata = metadata
        self.weights = weights
        self.idf = idf
        self.priorityWeights = priorityWeights
    }

    public var labels: [String] { metadata.labels }
    public var modelVersion: String { metadata.modelVersion }
}
