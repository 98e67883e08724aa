/// Evaluation of a classifier against human labels: metrics and a deterministic stratified split.
public enum Evaluation {
    /// Computes the report for `predictions`.
    ///
    /// - Parameters:
    ///   - labels: label order of the confusion matrix; by default every label seen, sorted.
    ///   - bucketCount: number of equal-width confidence buckets of the calibration table.
    public static func report(predictions: [Prediction], labels: [String]? = nil, bucketCount: Int = 10) -> EvaluationReport {
        let seen = Set(predictions.flatMap { [$0.truth, $0.predicted] })
        var order = labels ?? seen.sorted()
        for extra in seen.subtracting(order).sorted() { order.append(extra) }
        let index = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        var confusion = Array(repeating: Array(repeating: 0, count: order.count), count: order.count)
        for prediction in predictions { confusion[index[prediction.truth]!][index[prediction.predicted]!] += 1 }

        var perLabel: [EvaluationReport.LabelMetrics] = []
        for (position, label) in order.enumerated() {
            let truePositives = Double(confusion[position][position])
            let support = confusion[position].reduce(0, +)
            let predicted = confusion.reduce(0) { $0 + $1[position] }
            let precision = predicted == 0 ? 0 : truePositives / Double(predicted)
            let recall = support == 0 ? 0 : truePositives / Double(support)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            perLabel.append(.init(label: label, precision: precision, recall: recall, f1: f1, support: support))
        }
        let scored = perLabel.filter { $0.support > 0 }
        let macroF1 = scored.isEmpty ? 0 : scored.map(\.f1).reduce(0, +) / Double(scored.count)
        let correct = predictions.filter(\.isCorrect).count
        let calibration = calibrationTable(predictions, bucketCount: max(1, bucketCount))
        let ece = predictions.isEmpty ? 0 : calibration.reduce(0.0) {
            $0 + Double($1.count) * abs($1.accuracy - $1.meanConfidence)
        } / Double(predictions.count)
        return EvaluationReport(
            count: predictions.count,
            accuracy: predictions.isEmpty ? 0 : Double(correct) / Double(predictions.count),
            macroF1: macroF1, labels: order, perLabel: perLabel, confusion: confusion,
            calibration: calibration, expectedCalibrationError: ece,
            costPer1000USD: costPer1000(predictions),
            latencyMedianSeconds: percentile(predictions.compactMap(\.latencySeconds), 0.5),
            latencyP95Seconds: percentile(predictions.compactMap(\.latencySeconds), 0.95))
    }

    static func costPer1000(_ predictions: [Prediction]) -> Double? {
        guard predictions.contains(where: { $0.costUSD != nil }) else { return nil }
        return predictions.reduce(0) { $0 + ($1.costUSD ?? 0) } / Double(predictions.count) * 1000
    }

    /// Nearest-rank percentile (`q` in 0…1) of `values`; `nil` when empty.
    static func percentile(_ values: [Double], _ q: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    static func calibrationTable(_ predictions: [Prediction], bucketCount: Int) -> [EvaluationReport.CalibrationBucket] {
        var counts = Array(repeating: 0, count: bucketCount)
        var correct = Array(repeating: 0, count: bucketCount)
        var confidence = Array(repeating: 0.0, count: bucketCount)
        for prediction in predictions {
            let clamped = min(max(prediction.confidence, 0), 1)
            let bucket = min(Int(clamped * Double(bucketCount)), bucketCount - 1)
            counts[bucket] += 1
            confidence[bucket] += clamped
            if prediction.isCorrect { correct[bucket] += 1 }
        }
        return (0..<bucketCount).map { bucket in
            let count = counts[bucket]
            return EvaluationReport.CalibrationBucket(
                lower: Double(bucket) / Double(bucketCount), upper: Double(bucket + 1) / Double(bucketCount),
                count: count, accuracy: count == 0 ? 0 : Double(correct[bucket]) / Double(count),
                meanConfidence: count == 0 ? 0 : confidence[bucket] / Double(count))
        }
    }

    /// Splits `items` into train and test sets, stratified by label and decided by a stable hash of each id.
    ///
    /// Within each label the items are ordered by `hash(id, seed)` and the first `round(testFraction × n)` go to
    /// test, so the split does not depend on input order and an item stays on its side when others are added.
    /// Labels with a single item keep it in train.
    public static func split<Item>(_ items: [Item], testFraction: Double, seed: UInt64 = 42,
                                   id: (Item) -> String, label: (Item) -> String) -> (train: [Item], test: [Item]) {
        var groups: [String: [(hash: UInt64, index: Int)]] = [:]
        for (index, item) in items.enumerated() {
            groups[label(item), default: []].append((StableHash.hash(id(item), seed: seed), index))
        }
        var isTest = Array(repeating: false, count: items.count)
        for (_, group) in groups where group.count > 1 {
            let ordered = group.sorted { ($0.hash, $0.index) < ($1.hash, $1.index) }
            let take = min(group.count - 1, Int((testFraction * Double(group.count)).rounded()))
            for entry in ordered.prefix(take) { isTest[entry.index] = true }
        }
        var train: [Item] = []
        var test: [Item] = []
        for (index, item) in items.enumerated() {
            if isTest[index] { test.append(item) } else { train.append(item) }
        }
        return (train, test)
    }
}
