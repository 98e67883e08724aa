import ArgumentParser
import Foundation
import TicketTriage
import TriageModel
import TriageClassify
import TriageImport
import TriageStore

struct Eval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Accuracy, per-label precision/recall/F1, confusion matrix and calibration on labelled tickets.",
        discussion: """
            With --test FILE: the labelled tickets of an export that is not in the store (read with the same
            importers and mappings as `triage import`, nothing is stored), scored by the saved model (local) or the
            API (claude, cascade). Without it: the held-out split `triage train` evaluated on; for the local
            backend a model is trained on the rest for that (the saved model has seen every labelled ticket).

              triage eval --test labelled.csv --from csv --mapping mapping.yml --format json
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Backend to evaluate: local, claude or cascade (the last two call the API and cost money).") var backend: BackendChoice = .local
    @Option(help: "Evaluate at most this many held-out tickets.") var limit: Int?
    @Option(help: "Calls in flight at once (claude, cascade).") var concurrency = 8
    @Option(help: "Folder with prompts/ (claude, cascade).") var templates: String?
    @Option(help: "A labelled export to score instead of the held-out split (not imported into the store).", completion: .file())
    var test: String?
    @Option(help: "Format of --test: \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", ")).") var from: ImportFormat = .auto
    @Option(help: "Field mapping (YAML) for --test (map the label column to `department`); default: mapping.yml beside it.")
    var mapping: String?
    @Option(help: "Held-out share when scoring the store's split (as `triage train --holdout`).") var holdout = 0.2
    @Option(help: "Seed of the held-out split (as `triage train --seed`).") var seed: UInt64 = 42

    func validate() throws {
        guard holdout > 0 && holdout < 1 else { throw ValidationError("--holdout must be above 0 and below 1 (got \(holdout))") }
        if test == nil && (mapping != nil || from != .auto) {
            throw ValidationError("--from and --mapping describe the --test file: pass --test FILE too")
        }
    }

    func run() async throws {
        let report: EvaluationReport
        if let test {
            report = try await evaluate(file: test)
        } else {
            let store = try global.openExistingStore()
            if backend == .local {
                var training = LocalModelTraining(store: store)
                training.testFraction = holdout
                training.seed = seed
                report = try training.evaluateHeldOut()
            } else {
                report = try await BackendEvaluation(store: store, classifier: try classifier(), concurrency: concurrency).run(limit: limit)
            }
        }
        Terminal.out(output.format == .json ? try report.renderJSON() : report.renderText())
    }

    private func classifier() throws -> any Classifier {
        try BackendFactory(global: global, templates: templates)
            .classifier(backend, configuration: try global.loadConfiguration(), logger: global.logger())
    }

    /// Scores the labelled tickets of `file` without touching the store.
    private func evaluate(file: String) async throws -> EvaluationReport {
        let url = URL(fileURLWithPath: file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CommandFailure("test file \(file) not found", status: .noInput)
        }
        let configuration = try global.loadConfiguration()
        var examples = try BackendEvaluation.labelledTestFile(
            url, format: from, options: configuration.importOptions(source: nil, mapping: try MappingFile.load(explicit: mapping, for: url)),
            logger: global.logger())
        if let limit { examples = Array(examples.prefix(limit)) }
        if backend == .local {
            return Evaluation.report(model: try LocalModelFile.loadOrDefault(databasePath: global.databasePath), examples: examples)
        }
        let classifier = try classifier()
        return try await BackendEvaluation(store: try TicketStore.inMemory(), classifier: classifier, concurrency: concurrency)
            .run(examples: examples)
    }
}

/// Which classifier a command uses.
enum BackendChoice: String, ExpressibleByArgument, CaseIterable {
    case local, claude, cascade
}

/// Loading the trained local model with a message that says what to do.
enum LocalModelFile {
    static func load(databasePath: String) throws -> LocalModel {
        let url = LocalModelTraining.modelURL(forDatabase: databasePath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CommandFailure("no local model at \(url.path): run `triage train` first", status: .noInput)
        }
        do {
            return try LocalModel.load(from: url)
        } catch {
            throw CommandFailure("\(error) — run `triage train` again", status: .failure)
        }
    }

    /// The trained model beside the store, or the built-in default (with a note on stderr) when there is none.
    static func loadOrDefault(databasePath: String) throws -> LocalModel {
        let url = LocalModelTraining.modelURL(forDatabase: databasePath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            Terminal.err("note: no trained model at \(url.path); using the built-in default model (trained on the project's sample tickets, default departments). `triage train` on your own labelled tickets will do better.")
            return LocalModel.embeddedDefault
        }
        return try load(databasePath: databasePath)
    }
}
