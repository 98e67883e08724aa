/// Rows of sparse features in three contiguous arrays (compressed sparse rows): row `r` is
/// `indices[rowStart[r]..<rowStart[r + 1]]` with the matching `values`.
struct FeatureMatrix: Sendable {
    var rowStart: [Int] = [0]
    var indices: [UInt32] = []
    var values: [Float] = []

    init() {}

    init(_ rows: some Sequence<SparseFeatures>) {
        for row in rows { append(row) }
    }

    var rowCount: Int { rowStart.count - 1 }

    mutating func append(_ row: SparseFeatures) {
        indices.append(contentsOf: row.indices)
        values.append(contentsOf: row.values)
        rowStart.append(indices.count)
    }

    func row(_ r: Int) -> SparseFeatures {
        SparseFeatures(indices: Array(indices[rowStart[r]..<rowStart[r + 1]]),
                       values: Array(values[rowStart[r]..<rowStart[r + 1]]))
    }
}
