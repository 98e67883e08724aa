/// One-vs-rest linear support vector machines with the squared hinge loss and L2 regularization, trained by dual
/// coordinate descent (Hsieh et al., "A dual coordinate descent method for large-scale linear SVM", ICML 2008 —
/// the method behind LIBLINEAR's default solver).
///
/// All the binary problems are solved in one pass over the examples: each example's features are read once to
/// score every label and once to update every label (weights are bucket-major, so one bucket's weights are
/// contiguous). A constant bias feature of 1 is appended. The visiting order is a permutation drawn from the seed,
/// the arithmetic is single-threaded, so the result depends only on the rows, their labels and the seed.
struct LinearSVM: Sendable {
    /// `weights[bucket * labelCount + label]`; the row at `bucketCount` is the bias.
    var weights: [Float]
    /// Dual variables, `alphas[example * labelCount + label]`.
    var alphas: [Float]
    let labelCount: Int
    let bucketCount: Int
    /// Epochs run by the last call to ``train(_:truth:costs:epochs:tolerance:seed:)``.
    var epochsRun = 0

    init(labelCount: Int, bucketCount: Int) {
        self.labelCount = labelCount
        self.bucketCount = bucketCount
        weights = [Float](repeating: 0, count: (bucketCount + 1) * labelCount)
        alphas = []
    }

    /// Runs dual coordinate descent over `matrix` (rows L2-normalized), continuing from the current weights and
    /// dual variables (rows beyond the known dual variables start at zero, so adding examples warm-starts).
    ///
    /// - Parameters:
    ///   - costs: the SVM cost `C` of each example (class weights multiply it).
    ///   - tolerance: stops when the largest projected-gradient violation of an epoch falls below it.
    ///   - rowLimit: train on the first `rowLimit` rows only (all when `nil`).
    mutating func train(_ matrix: FeatureMatrix, truth: [Int], costs: [Float], epochs: Int, tolerance: Float,
                        seed: UInt64, rowLimit: Int? = nil) {
        let rows = min(rowLimit ?? matrix.rowCount, matrix.rowCount)
        let labelCount = labelCount
        if alphas.count < rows * labelCount {
            alphas.append(contentsOf: repeatElement(0, count: rows * labelCount - alphas.count))
        }
        var order = Array(0..<rows)
        var random = SplitMix(seed: seed)
        var scores = [Float](repeating: 0, count: labelCount)
        var deltas = [Float](repeating: 0, count: labelCount)
        let biasBase = bucketCount * labelCount
        epochsRun = 0
        for _ in 0..<epochs {
            for index in stride(from: rows - 1, to: 0, by: -1) {
                order.swapAt(index, Int(random.next() % UInt64(index + 1)))
            }
            var violation: Float = 0
            weights.withUnsafeMutableBufferPointer { w in
                alphas.withUnsafeMutableBufferPointer { alpha in
                    matrix.indices.withUnsafeBufferPointer { indices in
                        matrix.values.withUnsafeBufferPointer { values in
                            scores.withUnsafeMutableBufferPointer { s in
                                deltas.withUnsafeMutableBufferPointer { d in
                                    for example in order {
                                        let start = matrix.rowStart[example]
                                        let end = matrix.rowStart[example + 1]
                                        for label in 0..<labelCount { s[label] = w[biasBase + label] }
                                        var squaredNorm: Float = 1
                                        for position in start..<end {
                                            let base = Int(indices[position]) &* labelCount
                                            let value = values[position]
                                            squaredNorm += value * value
                                            for label in 0..<labelCount { s[label] += value * w[base + label] }
                                        }
                                        let diagonal = 0.5 / costs[example]
                                        let curvature = squaredNorm + diagonal
                                        let own = truth[example]
                                        var changed = false
                                        let alphaBase = example * labelCount
                                        for label in 0..<labelCount {
                                            let y: Float = label == own ? 1 : -1
                                            let old = alpha[alphaBase + label]
                                            let gradient = y * s[label] - 1 + diagonal * old
                                            let projected = old == 0 ? min(gradient, 0) : gradient
                                            violation = max(violation, abs(projected))
                                            let new = max(old - gradient / curvature, 0)
                                            alpha[alphaBase + label] = new
                                            d[label] = (new - old) * y
                                            if new != old { changed = true }
                                        }
                                        guard changed else { continue }
                                        for position in start..<end {
                                            let base = Int(indices[position]) &* labelCount
                                            let value = values[position]
                                            for label in 0..<labelCount { w[base + label] += d[label] * value }
                                        }
                                        for label in 0..<labelCount { w[biasBase + label] += d[label] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            epochsRun += 1
            if violation < tolerance { break }
        }
    }
}

/// SplitMix64: a small seeded generator whose sequence is fixed by the seed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
