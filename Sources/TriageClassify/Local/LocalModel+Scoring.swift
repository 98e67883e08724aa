import Foundation

/// The model's answer for one text.
public struct LocalPrediction: Sendable, Hashable {
    public var department: String
    /// Calibrated probability of `department`.
    public var confidence: Double
    /// Calibrated probability per label, in ``LocalModel/labels`` order.
    public var probabilities: [Double]
    /// The learned priority label and its calibrated probability, when the model has a priority head.
    public var priority: String?
    public var priorityConfidence: Double?
}

extension LocalModel {
    /// The model's features of a ticket: sublinear term frequencies × IDF, L2-normalized.
    public func features(subject: String, body: String) -> SparseFeatures {
        metadata.hasher.termFrequencies(subject: subject, body: body).weighted(by: idf)
    }

    /// Raw department scores (before the temperature) of a ticket.
    public func scores(subject: String, body: String) -> [Double] {
        scores(features(subject: subject, body: body))
    }

    /// Raw department scores for features made by ``features(subject:body:)``.
    public func scores(_ features: SparseFeatures) -> [Double] {
        Self.scores(features, weights: weights, labelCount: labels.count)
    }

    /// `x · w_c + b_c` per label; the bias is the row after the last bucket.
    static func scores(_ features: SparseFeatures, weights: [Float], labelCount: Int) -> [Double] {
        var sums = [Float](repeating: 0, count: labelCount)
        weights.withUnsafeBufferPointer { w in
            sums.withUnsafeMutableBufferPointer { s in
                let biasBase = w.count - labelCount
                for label in 0..<labelCount { s[label] = w[biasBase + label] }
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

    private static func best(_ probabilities: [Double]) -> Int {
        var best = 0
        for index in probabilities.indices where probabilities[index] > probabilities[best] { best = index }
        return best
    }

    /// Classifies a ticket's subject and body.
    public func predict(subject: String, body: String) -> LocalPrediction {
        predict(features: features(subject: subject, body: body))
    }

    /// Classifies features made by ``features(subject:body:)``.
    public func predict(features: SparseFeatures) -> LocalPrediction {
        let probabilities = Self.softmax(scores(features), temperature: metadata.temperature)
        let top = Self.best(probabilities)
        var prediction = LocalPrediction(department: labels[top], confidence: probabilities[top],
                                         probabilities: probabilities)
        if let head = metadata.priority, !priorityWeights.isEmpty {
            let priority = Self.softmax(Self.scores(features, weights: priorityWeights, labelCount: head.labels.count),
                                        temperature: head.temperature)
            let topPriority = Self.best(priority)
            prediction.priority = head.labels[topPriority]
            prediction.priorityConfidence = priority[topPriority]
        }
        return prediction
    }
}
