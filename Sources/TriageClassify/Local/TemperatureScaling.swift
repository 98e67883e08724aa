import Foundation

/// Fits the softmax temperature that minimizes the negative log-likelihood of held-out labels.
///
/// The NLL of `softmax(s / T)` is convex in `1 / T`, so a golden-section search over `log(1 / T)` finds the optimum.
public enum TemperatureScaling {
    /// The temperature for `scores` (one row per example) whose correct label indices are `truth`.
    public static func fit(scores: [[Double]], truth: [Int]) -> Double {
        guard !scores.isEmpty else { return 1 }
        func loss(_ logBeta: Double) -> Double {
            negativeLogLikelihood(scores: scores, truth: truth, temperature: exp(-logBeta))
        }
        var low = -8.0
        var high = 14.0
        let ratio = (5.0.squareRoot() - 1) / 2
        var a = high - ratio * (high - low)
        var b = low + ratio * (high - low)
        var lossA = loss(a)
        var lossB = loss(b)
        for _ in 0..<80 {
            if lossA <= lossB {
                high = b
                b = a
                lossB = lossA
                a = high - ratio * (high - low)
                lossA = loss(a)
            } else {
                low = a
                a = b
                lossA = lossB
                b = low + ratio * (high - low)
                lossB = loss(b)
            }
        }
        return exp(-(low + high) / 2)
    }

    /// Mean negative log-likelihood of the correct labels under `softmax(scores / temperature)`.
    public static func negativeLogLikelihood(scores: [[Double]], truth: [Int], temperature: Double) -> Double {
        var total = 0.0
        for (row, label) in zip(scores, truth) {
            let scaled = row.map { $0 / temperature }
            let top = scaled.max() ?? 0
            let logSum = log(scaled.reduce(0) { $0 + exp($1 - top) }) + top
            total += logSum - scaled[label]
        }
        return total / Double(scores.count)
    }
}
