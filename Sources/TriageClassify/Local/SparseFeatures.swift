/// A document's hashed features: unique bucket indices (in a deterministic order) with their weights.
public struct SparseFeatures: Sendable, Hashable {
    public var indices: [UInt32]
    public var values: [Float]

    public init(indices: [UInt32], values: [Float]) {
        self.indices = indices
        self.values = values
    }

    /// Scales the values to unit Euclidean length (no change when all are zero).
    public mutating func normalize() {
        var sumSquares: Float = 0
        for value in values { sumSquares += value * value }
        guard sumSquares > 0 else { return }
        let scale = 1 / sumSquares.squareRoot()
        for position in values.indices { values[position] *= scale }
    }

    /// Multiplies each value by its bucket's inverse document frequency, drops buckets whose weight is zero (never
    /// seen in training) and normalizes to unit length.
    public func weighted(by idf: [Float]) -> SparseFeatures {
        var result = SparseFeatures(indices: [], values: [])
        result.indices.reserveCapacity(indices.count)
        result.values.reserveCapacity(indices.count)
        idf.withUnsafeBufferPointer { idf in
            for position in indices.indices {
                let bucket = Int(indices[position])
                guard bucket < idf.count else { continue }
                let weight = idf[bucket]
                if weight != 0 {
                    result.indices.append(indices[position])
                    result.values.append(values[position] * weight)
                }
            }
        }
        result.normalize()
        return result
    }
}
