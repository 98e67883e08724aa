import Foundation

/// One-vs-rest linear support vector machines with the squared hinge loss and L2 regularization, trained by dual
/// coordinate descent with shrinking (Hsieh et al., "A dual coordinate descent method for large-scale linear SVM",
/// ICML 2008 — the method behind LIBLINEAR's default solver).
///
/// Each label's binary problem is solved on its own, label after label, against that label's weight column
/// (`bucketCount + 1` floats, small enough to stay in the CPU cache while every example is read): after the first
/// pass an example whose dual variable is 0 and whose margin is met is shrunk out of the following passes (most
/// examples of a label are such negatives), and when the rest has converged every example is checked once more
/// before the label is done — a violation there resumes the passes. A constant bias feature of 1 is
/// appended. The visiting order of a label is a permutation drawn from the seed and the label, so a label's
/// weights depend only on the rows, their labels and the seed — not on the other labels, nor on how many threads
/// (``train(_:truth:costs:epochs:tolerance:seed:rowLimit:workers:)``'s `workers`) share the labels.
struct LinearSVM: Sendable {
    /// `weights[bucket * labelCount + label]`; the row at `bucketCount` is the bias.
    var weights: [Float]
    /// Dual variables, `alphas[example * labelCount + label]`.
    var alphas: [Float]
    let labelCount: Int
    let bucketCount: Int
    /// Most passes any label took in the last call to ``train(_:truth:costs:epochs:tolerance:seed:rowLimit:workers:)``.
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
    ///   - epochs: most passes per label.
    ///   - tolerance: a label is done when the largest projected-gradient violation of a pass over all its
    ///     examples falls below it.
    ///   - rowLimit: train on the first `rowLimit` rows only (all when `nil`).
    ///   - workers: threads sharing the labels (≥ 1); the result does not depend on it.
    ///   - parallelAbove: below this many rows × labels the labels are solved on the calling thread alone (small
    ///     problems gain nothing from threads, and a caller on Swift's cooperative pool keeps the other threads free).
    mutating func train(_ matrix: FeatureMatrix, truth: [Int], costs: [Float], epochs: Int, tolerance: Float,
                        seed: UInt64, rowLimit: Int? = nil, workers: Int = 1, parallelAbove: Int = 200_000) {
        let rows = min(rowLimit ?? matrix.rowCount, matrix.rowCount)
        let labelCount = labelCount
        let width = bucketCount + 1
        if alphas.count < rows * labelCount {
            alphas.append(contentsOf: repeatElement(0, count: rows * labelCount - alphas.count))
        }
        // Per example: the diagonal term of the squared hinge's dual and the coordinate's curvature.
        var diagonal = [Float](repeating: 0, count: rows)
        var curvature = [Float](repeating: 0, count: rows)
        for example in 0..<rows {
            var squaredNorm: Float = 1  // the bias feature
            for position in matrix.rowStart[example]..<matrix.rowStart[example + 1] {
                squaredNorm += matrix.values[position] * matrix.values[position]
            }
            diagonal[example] = 0.5 / costs[example]
            curvature[example] = squaredNorm + diagonal[example]
        }
        // Label-major copies (one contiguous column of weights and of dual variables per label).
        let columns = UnsafeMutableBufferPointer<Float>.allocate(capacity: width * labelCount)
        let duals = UnsafeMutableBufferPointer<Float>.allocate(capacity: rows * labelCount)
        defer {
            columns.deallocate()
            duals.deallocate()
        }
        weights.withUnsafeBufferPointer { Self.transpose($0, rows: width, columns: labelCount, into: columns) }
        alphas.withUnsafeBufferPointer {
            Self.transpose(UnsafeBufferPointer(rebasing: $0[0..<(rows * labelCount)]), rows: rows, columns: labelCount, into: duals)
        }
        let passes = UnsafeMutableBufferPointer<Int>.allocate(capacity: labelCount)
        defer { passes.deallocate() }
        let problem = BinaryProblem(matrix: matrix, truth: truth, rows: rows, diagonal: diagonal, curvature: curvature,
                                    bucketCount: bucketCount, epochs: epochs, tolerance: tolerance, seed: seed)
        let shared = SharedBuffers(columns: columns, duals: duals, passes: passes)
        let threads = rows * labelCount < parallelAbove ? 1 : max(1, min(workers, labelCount))
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for label in stride(from: thread, to: labelCount, by: threads) {
                shared.passes[label] = problem.solve(
                    label: label, weights: UnsafeMutableBufferPointer(rebasing: shared.columns[(label * width)..<((label + 1) * width)]),
                    alphas: UnsafeMutableBufferPointer(rebasing: shared.duals[(label * rows)..<((label + 1) * rows)]))
            }
        }
        weights.withUnsafeMutableBufferPointer { Self.transpose(UnsafeBufferPointer(columns), rows: labelCount, columns: width, into: $0) }
        alphas.withUnsafeMutableBufferPointer {
            Self.transpose(UnsafeBufferPointer(duals), rows: labelCount, columns: rows,
                           into: UnsafeMutableBufferPointer(rebasing: $0[0..<(rows * labelCount)]))
        }
        epochsRun = passes.max() ?? 0
    }

    /// `target[c * rows + r] = source[r * columns + c]`.
    private static func transpose(_ source: UnsafeBufferPointer<Float>, rows: Int, columns: Int,
                                  into target: UnsafeMutableBufferPointer<Float>) {
        guard let from = source.baseAddress, let to = target.baseAddress else { return }
        var r = 0
        while r < rows {
            var c = 0
            while c < columns {
                to[c &* rows &+ r] = from[r &* columns &+ c]
                c &+= 1
            }
            r &+= 1
        }
    }
}

/// The buffers the label threads write, each label its own disjoint part.
private struct SharedBuffers: @unchecked Sendable {
    let columns: UnsafeMutableBufferPointer<Float>
    let duals: UnsafeMutableBufferPointer<Float>
    let passes: UnsafeMutableBufferPointer<Int>
}

/// One label's binary squared-hinge SVM over the shared rows (read only).
private struct BinaryProblem: Sendable {
    let matrix: FeatureMatrix
    let truth: [Int]
    let rows: Int
    let diagonal: [Float]
    let curvature: [Float]
    let bucketCount: Int
    let epochs: Int
    let tolerance: Float
    let seed: UInt64

    /// Dual coordinate descent with shrinking (LIBLINEAR's `solve_l2r_l1l2_svc` for the L2 loss); returns the
    /// passes made.
    func solve(label: Int, weights w: UnsafeMutableBufferPointer<Float>, alphas alpha: UnsafeMutableBufferPointer<Float>) -> Int {
        var order = Array(0..<rows)
        var active = rows
        var random = SplitMix(seed: seed ^ (UInt64(label + 1) &* 0x9E37_79B9_7F4A_7C15))
        var shrinkAbove = Float.infinity
        var passes = 0
        let bias = bucketCount
        matrix.rowStart.withUnsafeBufferPointer { rowStart in
            matrix.indices.withUnsafeBufferPointer { indices in
                matrix.values.withUnsafeBufferPointer { values in
                    truth.withUnsafeBufferPointer { truth in
                        diagonal.withUnsafeBufferPointer { diagonal in
                            curvature.withUnsafeBufferPointer { curvature in
                                order.withUnsafeMutableBufferPointer { order in
                                    while passes < epochs {
                                        passes += 1
                                        if active > 1 {
                                            for index in stride(from: active - 1, to: 0, by: -1) {
                                                order.swapAt(index, Int(random.next() % UInt64(index + 1)))
                                            }
                                        }
                                        var largest = -Float.infinity
                                        var smallest = Float.infinity
                                        var position = 0
                                        while position < active {
                                            let example = order[position]
                                            let start = rowStart[example]
                                            let end = rowStart[example + 1]
                                            var score = w[bias]
                                            for p in start..<end { score += values[p] * w[Int(indices[p])] }
                                            let y: Float = truth[example] == label ? 1 : -1
                                            let old = alpha[example]
                                            let gradient = y * score - 1 + diagonal[example] * old
                                            var projected: Float = 0
                                            if old == 0 {
                                                if gradient > shrinkAbove {
                                                    // Inactive: at the bound with a comfortable margin.
                                                    active -= 1
                                                    order.swapAt(position, active)
                                                    continue
                                                }
                                                if gradient < 0 { projected = gradient }
                                            } else {
                                                projected = gradient
                                            }
                                            largest = max(largest, projected)
                                            smallest = min(smallest, projected)
                                            if projected != 0 {
                                                let new = max(old - gradient / curvature[example], 0)
                                                alpha[example] = new
                                                let step = (new - old) * y
                                                for p in start..<end { w[Int(indices[p])] += step * values[p] }
                                                w[bias] += step
                                            }
                                            position += 1
                                        }
                                        if max(largest, -smallest) < tolerance {
                                            // Converged on the active examples: done when none was shrunk, else
                                            // check every example once more.
                                            if active == rows { break }
                                            active = rows
                                            shrinkAbove = .infinity
                                            continue
                                        }
                                        // Shrink every example at the bound whose margin is met: more eagerly than
                                        // LIBLINEAR (which waits for the previous pass's largest violation), which is
                                        // safe because convergence is only declared after a pass over every example.
                                        shrinkAbove = 0
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return passes
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
