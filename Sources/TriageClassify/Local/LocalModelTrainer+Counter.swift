import Foundation

extension LocalModelTrainer {
    /// Feature extraction and complement-NB counting for one training run.
    ///
    /// Counts are fixed-point integers (`value × 2³²`): integer addition is associative, so per-thread partial
    /// counts merged in any order give bit-identical weights.
    struct Counter: Sendable {
        static let scale = 4_294_967_296.0

        let examples: [LabeledText]
        let truth: [Int]
        let labelCount: Int
        let options: Options

        init(examples: [LabeledText], truth: [Int], labelCount: Int, options: Options) {
            self.examples = examples
            self.truth = truth
            self.labelCount = labelCount
            self.options = options
        }

        var size: Int { options.hasher.bucketCount * labelCount }

        /// Counts of `rows`, extracted in parallel without keeping their features.
        func count(_ rows: [Int]) -> [Int64] {
            let stripes = max(1, min(options.workers, rows.count / 64 + 1))
            let box = Box<[Int64]>()
            DispatchQueue.concurrentPerform(iterations: stripes) { stripe in
                var counts = [Int64](repeating: 0, count: size)
                var position = stripe
                while position < rows.count {
                    let row = rows[position]
                    let features = options.hasher.features(subject: examples[row].subject, body: examples[row].body)
                    add(features, label: truth[row], to: &counts)
                    position += stripes
                }
                box.append(counts)
            }
            var total = [Int64](repeating: 0, count: size)
            for partial in box.items {
                for index in total.indices { total[index] &+= partial[index] }
            }
            return total
        }

        /// Features of `rows`, in order, extracted in parallel.
        func features(_ rows: [Int]) -> [SparseFeatures] {
            let stripes = max(1, min(options.workers, rows.count / 64 + 1))
            let box = Box<[(Int, SparseFeatures)]>()
            DispatchQueue.concurrentPerform(iterations: stripes) { stripe in
                var local: [(Int, SparseFeatures)] = []
                var position = stripe
                while position < rows.count {
                    let row = rows[position]
                    local.append((position, options.hasher.features(subject: examples[row].subject, body: examples[row].body)))
                    position += stripes
                }
                box.append(local)
            }
            var result = Array(repeating: SparseFeatures(indices: [], values: []), count: rows.count)
            for local in box.items { for (position, features) in local { result[position] = features } }
            return result
        }

        /// Adds already-extracted features of `rows` to `counts`.
        func add(_ rows: some Sequence<(Int, SparseFeatures)>, to counts: inout [Int64]) {
            for (row, features) in rows { add(features, label: truth[row], to: &counts) }
        }

        private func add(_ features: SparseFeatures, label: Int, to counts: inout [Int64]) {
            let labelCount = labelCount
            counts.withUnsafeMutableBufferPointer { c in
                for position in features.indices.indices {
                    let fixed = Int64((Double(features.values[position]) * Self.scale).rounded())
                    c[Int(features.indices[position]) &* labelCount &+ label] &+= fixed
                }
            }
        }

        /// `w[i, c] = -log(θ̃[i, c])`, θ̃ the smoothed feature distribution of every class but `c`.
        func weights(_ counts: [Int64]) -> [Float] {
            let buckets = counts.count / labelCount
            let alpha = options.alpha
            var bucketTotals = [Double](repeating: 0, count: buckets)
            var classTotals = [Int64](repeating: 0, count: labelCount)
            for bucket in 0..<buckets {
                var total: Int64 = 0
                for label in 0..<labelCount {
                    let value = counts[bucket * labelCount + label]
                    total &+= value
                    classTotals[label] &+= value
                }
                bucketTotals[bucket] = Double(total) / Self.scale
            }
            let grandTotal = Double(classTotals.reduce(0, &+)) / Self.scale
            let complementTotals = classTotals.map { grandTotal - Double($0) / Self.scale + alpha * Double(buckets) }
            var weights = [Float](repeating: 0, count: counts.count)
            for bucket in 0..<buckets {
                for label in 0..<labelCount {
                    let complement = bucketTotals[bucket] - Double(counts[bucket * labelCount + label]) / Self.scale + alpha
                    weights[bucket * labelCount + label] = Float(-log(complement / complementTotals[label]))
                }
            }
            return weights
        }

        /// Out-of-fold scores: each example scored by weights trained on the other folds (folds by stable id hash).
        /// Folds whose complement has fewer than two labels are skipped.
        func crossValidatedScores(_ rows: [Int], features: [SparseFeatures], folds: Int) -> ([[Double]], [Int]) {
            let fold = rows.map { Int(StableHash.hash(examples[$0].id, seed: options.seed ^ 0xF01D) % UInt64(folds)) }
            var scores: [[Double]] = []
            var scoredTruth: [Int] = []
            for current in 0..<folds {
                let inside = rows.indices.filter { fold[$0] == current }
                let outside = rows.indices.filter { fold[$0] != current }
                guard !inside.isEmpty, Set(outside.map { truth[rows[$0]] }).count >= 2 else { continue }
                var counts = [Int64](repeating: 0, count: size)
                add(outside.map { (rows[$0], features[$0]) }, to: &counts)
                let weights = weights(counts)
                for position in inside {
                    scores.append(LocalModel.scores(features[position], weights: weights, labelCount: labelCount))
                    scoredTruth.append(truth[rows[position]])
                }
            }
            return (scores, scoredTruth)
        }
    }
}

/// Collects per-thread results of `concurrentPerform`; the order of `items` is not meaningful.
private final class Box<Item>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Item] = []

    func append(_ item: Item) {
        lock.lock()
        defer { lock.unlock() }
        storage.append(item)
    }

    var items: [Item] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
