import Testing
@testable import TriageClassify

@Suite("LinearSVM")
struct LinearSVMTests {
    /// Three labels, each owning two buckets; every row is one of its label's buckets plus a shared noise bucket.
    static func problem() -> (FeatureMatrix, [Int]) {
        var matrix = FeatureMatrix()
        var truth: [Int] = []
        for example in 0..<60 {
            let label = example % 3
            var row = SparseFeatures(indices: [UInt32(label * 2 + example % 2), 7], values: [1, 0.3])
            row.normalize()
            matrix.append(row)
            truth.append(label)
        }
        return (matrix, truth)
    }

    static func predict(_ svm: LinearSVM, _ row: SparseFeatures) -> Int {
        let scores = LocalModel.scores(row, weights: svm.weights, labelCount: svm.labelCount)
        return scores.indices.max { scores[$0] < scores[$1] }!
    }

    @Test func separatesLinearlySeparableLabels() {
        let (matrix, truth) = Self.problem()
        var svm = LinearSVM(labelCount: 3, bucketCount: 8)
        svm.train(matrix, truth: truth, costs: Array(repeating: 1, count: truth.count), epochs: 50, tolerance: 0.01, seed: 1)
        for row in 0..<matrix.rowCount { #expect(Self.predict(svm, matrix.row(row)) == truth[row]) }
        #expect(svm.epochsRun < 50, "converges before the epoch limit")
        #expect(svm.alphas.allSatisfy { $0 >= 0 }, "dual variables stay feasible")
    }

    /// The weights are the dual combination `w = Σ α y x` (the invariant dual coordinate descent keeps).
    @Test func weightsMatchTheDualVariables() {
        let (matrix, truth) = Self.problem()
        var svm = LinearSVM(labelCount: 3, bucketCount: 8)
        svm.train(matrix, truth: truth, costs: Array(repeating: 0.5, count: truth.count), epochs: 5, tolerance: 0, seed: 9)
        for label in 0..<3 {
            for bucket in 0...8 {
                var expected: Float = 0
                for row in 0..<matrix.rowCount {
                    let y: Float = truth[row] == label ? 1 : -1
                    let features = matrix.row(row)
                    let value = bucket == 8 ? 1 : (features.indices.firstIndex(of: UInt32(bucket)).map { features.values[$0] } ?? 0)
                    expected += svm.alphas[row * 3 + label] * y * value
                }
                #expect(abs(svm.weights[bucket * 3 + label] - expected) < 1e-4)
            }
        }
    }

    @Test func trainingOnAPrefixThenAllWarmStarts() {
        let (matrix, truth) = Self.problem()
        var svm = LinearSVM(labelCount: 3, bucketCount: 8)
        let costs = [Float](repeating: 1, count: truth.count)
        svm.train(matrix, truth: truth, costs: costs, epochs: 50, tolerance: 0.01, seed: 1, rowLimit: 30)
        #expect(svm.alphas[(30 * 3)...].allSatisfy { $0 == 0 }, "rows past the limit are untouched")
        svm.train(matrix, truth: truth, costs: costs, epochs: 50, tolerance: 0.01, seed: 1)
        for row in 0..<matrix.rowCount { #expect(Self.predict(svm, matrix.row(row)) == truth[row]) }
    }

    /// Labels shared over threads give the same weights and dual variables as one thread.
    @Test func threadsDoNotChangeTheResult() {
        let (matrix, truth) = Self.problem()
        let costs = [Float](repeating: 1, count: truth.count)
        var serial = LinearSVM(labelCount: 3, bucketCount: 8)
        var parallel = LinearSVM(labelCount: 3, bucketCount: 8)
        serial.train(matrix, truth: truth, costs: costs, epochs: 20, tolerance: 0.01, seed: 4, workers: 1)
        parallel.train(matrix, truth: truth, costs: costs, epochs: 20, tolerance: 0.01, seed: 4, workers: 3, parallelAbove: 0)
        #expect(serial.weights == parallel.weights)
        #expect(serial.alphas == parallel.alphas)
    }

    @Test func sameSeedSameWeights() {
        let (matrix, truth) = Self.problem()
        var a = LinearSVM(labelCount: 3, bucketCount: 8)
        var b = LinearSVM(labelCount: 3, bucketCount: 8)
        let costs = [Float](repeating: 1, count: truth.count)
        a.train(matrix, truth: truth, costs: costs, epochs: 3, tolerance: 0, seed: 5)
        b.train(matrix, truth: truth, costs: costs, epochs: 3, tolerance: 0, seed: 5)
        #expect(a.weights == b.weights)
    }
}
