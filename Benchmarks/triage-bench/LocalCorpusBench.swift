import ArgumentParser
import Foundation
import TriageClassify
import TriageModel

/// `triage-bench local-corpus`: trains the local model on a labelled CSV and scores it on another (the same split a
/// scikit-learn baseline uses, see `scripts/sklearn_baseline.py`).
struct LocalCorpusBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "local-corpus",
        abstract: "Local model on a labelled CSV split: accuracy, macro-F1, ECE, training time, prediction rate, file size.",
        discussion: """
            Example (banking77): triage-bench local-corpus --train ../shared/corpora/labelled/banking77/train.csv \\
              --test ../shared/corpora/labelled/banking77/test.csv --text text --label category
            """)

    @Option(help: "Labelled CSV to train on.") var train: String
    @Option(help: "Labelled CSV to score.") var test: String
    @Option(help: "Column with the text.") var text = "text"
    @Option(help: "Column with the label.") var label = "category"
    @Option(help: "log2 of the number of feature buckets (default: chosen from the label count).") var hashBits: Int?
    @Option(help: "SVM cost C.") var cost = 1.0
    @Option(help: "Class weight exponent (0 none, 1 balanced).") var classWeightPower = 0.5
    @Option(help: "Most solver passes.") var epochs = 30
    @Option(help: "Solver tolerance.") var tolerance = 0.1
    @Option(help: "Seed.") var seed: UInt64 = 42
    @Option(help: "Feature-extraction threads.") var workers = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Print the per-label report.") var report = false

    func run() throws {
        guard FileManager.default.fileExists(atPath: train), FileManager.default.fileExists(atPath: test) else {
            print("SKIP: \(train) or \(test) is absent (the shared corpora are not checked out)")
            return
        }
        let trainSet = try LabelledCSV.read(path: train, text: text, label: label)
        let testSet = try LabelledCSV.read(path: test, text: text, label: label)
        var options = LocalModelTrainer.Options(cost: cost, classWeightPower: classWeightPower, maxEpochs: epochs,
                                                tolerance: tolerance, seed: seed, workers: workers,
                                                trainedAt: Date(timeIntervalSince1970: 0))
        if let hashBits { options.hasher = FeatureHasher(hashBits: hashBits) }
        let clock = ContinuousClock()
        let cpu0 = BenchSupport.cpuSeconds()
        var start = clock.now
        let model = try LocalModelTrainer.train(examples: trainSet, options: options)
        let trainSeconds = BenchSupport.seconds(clock.now - start)
        let trainCPU = BenchSupport.cpuSeconds() - cpu0
        start = clock.now
        let thread0 = BenchSupport.threadCPUSeconds()
        let predictions = testSet.map { example in
            let prediction = model.predict(subject: example.subject, body: example.body)
            return Prediction(id: example.id, truth: example.department, predicted: prediction.department,
                              confidence: prediction.confidence)
        }
        let predictSeconds = BenchSupport.seconds(clock.now - start)
        let predictCPU = BenchSupport.threadCPUSeconds() - thread0
        let evaluation = Evaluation.report(predictions: predictions, labels: model.labels)
        let bytes = try model.encoded().count
        print(String(format: "%@: train %d, test %d, labels %d, hash bits %d | accuracy %.4f macro-F1 %.4f ECE %.4f | "
                     + "train %.2f s wall %.2f s CPU (T=%.3f, %@) | predict %.0f/s wall %.0f per CPU-s | file %.1f MB",
                     (train as NSString).lastPathComponent, trainSet.count, testSet.count, model.labels.count,
                     model.metadata.hasher.hashBits, evaluation.accuracy, evaluation.macroF1,
                     evaluation.expectedCalibrationError, trainSeconds, trainCPU, model.metadata.temperature,
                     model.metadata.calibration, Double(testSet.count) / predictSeconds, Double(testSet.count) / predictCPU,
                     Double(bytes) / 1e6))
        if report { print(evaluation.renderText()) }
    }
}

/// Reads a labelled CSV (RFC 4180 quoting, header row) into examples; ids are the row numbers.
enum LabelledCSV {
    static func read(path: String, text: String, label: String) throws -> [LabeledText] {
        let data = try String(contentsOfFile: path, encoding: .utf8)
        let rows = parse(data)
        guard let header = rows.first else { throw ValidationError("\(path) is empty") }
        guard let textColumn = header.firstIndex(of: text), let labelColumn = header.firstIndex(of: label) else {
            throw ValidationError("\(path): columns \(text) and \(label) expected, header is \(header.joined(separator: ","))")
        }
        return rows.dropFirst().enumerated().compactMap { index, row in
            guard row.count > max(textColumn, labelColumn), !row[labelColumn].isEmpty else { return nil }
            return LabeledText(id: "\(index + 1)", subject: "", body: row[textColumn], department: row[labelColumn])
        }
    }

    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar?
        func nextScalar() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let c = nextScalar() {
            if quoted {
                if c == "\"" {
                    if let n = nextScalar() {
                        if n == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = n }
                    } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\n" || c == "\r" {
                if c == "\r", let n = nextScalar(), n != "\n" { pending = n }
                row.append(field); field = ""
                if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                row = []
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
