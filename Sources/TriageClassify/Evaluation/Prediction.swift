/// One labelled ticket's prediction, the input of ``Evaluation/report(predictions:labels:bucketCount:)``.
public struct Prediction: Sendable, Hashable, Codable {
    public var id: String
    /// The human label.
    public var truth: String
    public var predicted: String
    /// The classifier's confidence in `predicted` (0…1).
    public var confidence: Double

    public init(id: String, truth: String, predicted: String, confidence: Double) {
        self.id = id
        self.truth = truth
        self.predicted = predicted
        self.confidence = confidence
    }

    public var isCorrect: Bool { truth == predicted }
}
