import ArgumentParser
import Foundation
import TicketTriage
import TriageClassify

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the local model on the store's labelled tickets.",
        discussion: """
            Uses the human department labels from the exports (Zendesk groups, Freshdesk cf_department, Jira
            components, a mapped `department` field). 20% of the labelled tickets are held out and the model is
            evaluated on them. The model is written beside the store (triage.sqlite → triage.model).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let store = try global.openExistingStore()
            let training = LocalModelTraining(store: store)
            let outcome: LocalModelTraining.Outcome
            do {
                outcome = try training.train()
            } catch {
                throw CLIError(error, exitCode: .failure)
            }
            let url = LocalModelTraining.modelURL(forDatabase: global.databasePath)
            do {
                try outcome.model.save(to: url)
            } catch {
                throw CLIError(message: "cannot write the model to \(url.path): \(error)", exitCode: .failure)
            }
            if output.format == .json {
                if let evaluation = outcome.evaluation { Terminal.out(try evaluation.renderJSON()) }
                return
            }
            Terminal.out("trained \(outcome.model.modelVersion) on \(outcome.trainCount) tickets in \(String(format: "%.2f", Double(outcome.duration.components.seconds) + Double(outcome.duration.components.attoseconds) / 1e18)) s; model: \(url.path)")
            if let evaluation = outcome.evaluation {
                Terminal.out("held-out evaluation (\(outcome.testCount) tickets):")
                Terminal.out(evaluation.renderText())
            }
        }
    }
}
