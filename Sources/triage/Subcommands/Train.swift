import ArgumentParser
import Foundation
import TicketTriage
import TriageModel
import TriageClassify

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the local model on the store's labelled tickets.",
        discussion: """
            Uses the human department labels from the exports (Zendesk groups, Freshdesk cf_department, Jira
            components, a mapped `department` field) and, when enough tickets carry them, the priority labels.
            First a model trained on the rest is evaluated on a held-out part (--holdout, 20% by default; 0 skips
            it); then the saved model is fitted on every labelled ticket. The model is written beside the store
            (triage.sqlite → triage.model).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Share of labelled tickets held out for the evaluation before the final fit (0 to <1; 0: no evaluation).")
    var holdout = 0.2

    @Option(help: "Seed of the held-out split and the trainer (same seed, same labels: same model bytes).")
    var seed: UInt64 = 42

    func validate() throws {
        guard holdout >= 0 && holdout < 1 else { throw ValidationError("--holdout must be at least 0 and below 1 (got \(holdout))") }
    }

    /// What `--format json` prints.
    struct Summary: Encodable {
        var model: String
        var modelFile: String
        var tickets: Int
        var seconds: Double
        var departments: [String]
        var unknownLabels: [String: Int]
        var priorityLabels: [String]?
        var holdout: Double
        var evaluation: EvaluationReport?
        var priority: LocalModelTraining.PriorityEvaluation?
    }

    func run() throws {
        let configuration = try global.loadConfiguration()
        let store = try global.openExistingStore()
        var training = LocalModelTraining(store: store)
        training.testFraction = holdout
        training.seed = seed
        let unknown = LocalModelTraining.unknownLabels(try training.labelledExamples(),
                                                       departments: configuration.departments.map(\.name))
        let outcome = try training.train()
        if !unknown.isEmpty {
            let list = unknown.prefix(10).map { "\($0.label) (\($0.count))" }.joined(separator: ", ")
            Terminal.err("warning: \(unknown.count) label(s) are not configured departments: \(list)\(unknown.count > 10 ? ", …" : ""). "
                + "The model learns and predicts them as they are, so routing rules and the digest see them as departments of their own; "
                + "add them to `departments:` in triage.yml, or map them to configured names in the import mapping and import again.")
        }
        let url = LocalModelTraining.modelURL(forDatabase: global.databasePath)
        do {
            try outcome.model.save(to: url)
        } catch {
            throw CommandFailure("cannot write the model to \(url.path): \(error)", status: .failure)
        }
        let seconds = Double(outcome.duration.components.seconds) + Double(outcome.duration.components.attoseconds) / 1e18
        if output.format == .json {
            try Terminal.json(Summary(
                model: outcome.model.modelVersion, modelFile: url.path, tickets: outcome.exampleCount, seconds: seconds,
                departments: outcome.model.labels, unknownLabels: Dictionary(uniqueKeysWithValues: unknown.map { ($0.label, $0.count) }),
                priorityLabels: outcome.model.metadata.priority?.labels, holdout: holdout,
                evaluation: outcome.evaluation, priority: outcome.priority))
            return
        }
        if let evaluation = outcome.evaluation {
            Terminal.out("held-out evaluation (trained on \(outcome.trainCount), scored on \(outcome.testCount) tickets, seed \(seed)):")
            Terminal.out(evaluation.renderText())
        }
        if let priority = outcome.priority {
            let learned = priority.learnedAccuracy.map { String(format: "learned %.1f%%", $0 * 100) } ?? "no learned priority (too few priority labels)"
            Terminal.out(String(format: "priority on %d held-out tickets with a priority label: %@, keyword heuristic %.1f%%",
                                priority.tickets, learned, priority.heuristicAccuracy * 100))
        }
        let priorityNote = outcome.model.metadata.priority.map { "; priority learned from \($0.exampleCount) labels" } ?? ""
        Terminal.out("trained \(outcome.model.modelVersion) on all \(outcome.exampleCount) labelled tickets in \(String(format: "%.2f", seconds)) s\(priorityNote); model: \(url.path)")
    }
}
