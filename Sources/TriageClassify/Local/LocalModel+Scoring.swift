import Foundation

/// The model's answer for one text.
public struct LocalPrediction: Sendable, Hashable {
    public var department: String
    /// Calibrated probability of `department`.
    public var confidence: Double
    /// Calibrated probability per label, in ``LocalModel/labels`` order.
    public var probabilities: [Double]
}

extension LocalModel {
    /// Raw linear scores per label for already-hashed features.
    public func scores(_ features: SparseFeatures) -> [Double] {
        Self.scores(features, weights: weights, labelCount: labels.count)
    }

    static func scores(_ features: SparseFeatures, weights: [Float], labelCount: Int) -> [Double] {
        var sums = [Float](repeating: 0, count: labelCount)
        weights.withUnsafeBufferPointer { w in
            sums.withUnsafeMutableBufferPointer { s in
                for position in features.indices.indices {
                    let base = Int(features.indices[position]) &* labelCount
                    let value = features.values[position]
                    for label in 0..<labelCount { s[label] += value * w[base &+ label] }
                }
            }
        }
        return sums.map(Double.init)
    }

    /// Softmax of `scores / temperature`.
    static func softmax(_ scores: [Double], temperature: Double) -> [Double] {
        guard let top = scores.max() else { return [] }
        let exps = scores.map { exp(($0 - top) / temperature) }
        let total = exps.reduce(0, +)
        return exps.map { $0 / total }
    }

    /// Classifies a ticket's subject and body.
    public func predict(subject: String, body: String) -> LocalPrediction {
        predict(features: metadata.hasher.features(subject: subject, body: body))
    }

    /// Classifies already-hashed features.
    public func predict(features: SparseFeatures) -> LocalPrediction {
        let probabilities = Self.softmax(scores(features), temperature: metadata.temperature)
        var best = 0
        for index in probabilities.indices where probabilities[index] > probabilities[best] { best = index }
        return LocalPrediction(department: labels[best], confidence: probabilities[best], probabilities: probabilities)
    }
}
