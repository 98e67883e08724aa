import ArgumentParser
import Foundation
import TicketTriage
import TriageClassify

struct Eval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Accuracy, macro-F1, confusion matrix and calibration on the held-out labelled tickets.",
        discussion: "The held-out split is the one `triage train` left out.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Backend to evaluate: local, claude or cascade (the last two call the API and cost money).") var backend: BackendChoice = .local
    @Option(help: "Evaluate at most this many held-out tickets.") var limit: Int?
    @Option(help: "Calls in flight at once (claude, cascade).") var concurrency = 8
    @Option(help: "Folder with prompts/ (claude, cascade).") var templates: String?

    func run() async throws {
        try await reportingErrors {
            let store = try global.openExistingStore()
            let report: EvaluationReport
            do {
                if backend == .local {
                    report = try LocalModelTraining(store: store).evaluate(try LocalModelFile.load(databasePath: global.databasePath))
                } else {
                    let classifier = try BackendFactory(global: global, templates: templates)
                        .classifier(backend, configuration: try global.loadConfiguration(), logger: global.logger())
                    report = try await BackendEvaluation(store: store, classifier: classifier, concurrency: concurrency).run(limit: limit)
                }
            } catch {
                throw CLIError(error, exitCode: .failure)  // a CLIError keeps its own code
            }
            Terminal.out(output.format == .json ? try report.renderJSON() : report.renderText())
        }
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
            throw CLIError(message: "no local model at \(url.path): run `triage train` first", exitCode: .noInput)
        }
        do {
            return try LocalModel.load(from: url)
        } catch {
            throw CLIError(message: "\(error) — run `triage train` again", exitCode: .failure)
        }
    }
}
