/// Accuracy, per-label metrics, confusion matrix and calibration of a set of predictions.
public struct EvaluationReport: Sendable, Hashable, Codable {
    /// Precision, recall and F1 of one label.
    public struct LabelMetrics: Sendable, Hashable, Codable {
        public var label: String
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// Number of examples whose truth is this label.
        public var support: Int
    }

    /// Predictions whose confidence falls in `[lower, upper)` (the last bucket includes 1).
    public struct CalibrationBucket: Sendable, Hashable, Codable {
        public var lower: Double
        public var upper: Double
        public var count: Int
        /// Share of correct predictions; 0 when `count` is 0.
        public var accuracy: Double
        public var meanConfidence: Double
    }

    public var count: Int
    public var accuracy: Double
    /// Unweighted mean of the per-label F1 scores.
    public var macroF1: Double
    public var labels: [String]
    public var perLabel: [LabelMetrics]
    /// `confusion[truth][predicted]`, indices into `labels`.
    public var confusion: [[Int]]
    public var calibration: [CalibrationBucket]
    /// Expected calibration error: count-weighted mean of |accuracy − confidence| over buckets.
    public var expectedCalibrationError: Double
    /// Total cost divided by predictions × 1,000; `nil` when no prediction carries a cost.
    public var costPer1000USD: Double?
    /// Median and 95th percentile (nearest rank) of the measured latencies; `nil` when none were measured.
    public var latencyMedianSeconds: Double?
    public var latencyP95Seconds: Double?
}
