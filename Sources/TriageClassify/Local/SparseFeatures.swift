/// A document's hashed features: unique bucket indices (in a deterministic order) with their weights (log term frequency, L2-normalized).
public struct SparseFeatures: Sendable, Hashable {
    public var indices: [UInt32]
    public var values: [Float]

    public init(indices: [UInt32], values: [Float]) {
        self.indices = indices
        self.values = values
    }
}
