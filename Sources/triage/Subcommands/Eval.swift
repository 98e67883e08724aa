import ArgumentParser
import Foundation
import TicketTriage
import TriageClassify

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Accuracy, macro-F1, confusion matrix and calibration on the held-out labelled tickets.",
        discussion: "The held-out split is the one `triage train` left out.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Backend to evaluate: local.") var backend: BackendChoice = .local

    func run() throws {
        try reportingErrors {
            guard backend == .local else {
                throw CLIError(message: "evaluating the \(backend.rawValue) backend is not available in this version; use --backend local", exitCode: .failure)
            }
            let store = try global.openExistingStore()
            let model = try LocalModelFile.load(databasePath: global.databasePath)
            let report: EvaluationReport
            do {
                report = try LocalModelTraining(store: store).evaluate(model)
            } catch {
                throw CLIError(error, exitCode: .failure)
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
