/// One labelled ticket's prediction, the input of ``Evaluation/report(predictions:labels:bucketCount:)``.
public struct Prediction: Sendable, Hashable, Codable {
    public var id: String
    /// The human label.
    public var truth: String
    public var predicted: String
    /// The classifier's confidence in `predicted` (0…1).
    public var confidence: Double
    /// What the answer cost (Claude backends); `nil` when free or unknown.
    public var costUSD: Double?
    /// How long the answer took; `nil` when not measured.
    public var latencySeconds: Double?

    public init(id: String, truth: String, predicted: String, confidence: Double, costUSD: Double? = nil,
                latencySeconds: Double? = nil) {
        self.id = id
        self.truth = truth
        self.predicted = predicted
        self.confidence = confidence
        self.costUSD = costUSD
        self.latencySeconds = latencySeconds
    }

    public var isCorrect: Bool { truth == predicted }
}
