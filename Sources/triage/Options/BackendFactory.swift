import AnthropicClient
import Foundation
import Logging
import TicketTriage
import TriageClassify
import TriageModel

/// Builds the classifier a command asked for: the local model beside the store, Claude from the environment's
/// key and the prompt templates, or the cascade of both.
struct BackendFactory {
    var global: GlobalOptions
    var templates: String?

    /// The classifier for `backend`.
    /// `concurrency` sets the Claude client's in-flight limit (the run's `--concurrency`).
    func classifier(_ backend: BackendChoice, configuration: TriageConfiguration, logger: Logger,
                    concurrency: Int? = nil) throws -> any Classifier {
        switch backend {
        case .local:
            return LocalClassifier(model: try LocalModelFile.loadOrDefault(databasePath: global.databasePath),
                                    options: .init(confidenceThreshold: configuration.needsHumanThreshold))
        case .claude:
            return try claude(configuration: configuration, logger: logger, concurrency: concurrency)
        case .cascade:
            let local = LocalClassifier(model: try LocalModelFile.loadOrDefault(databasePath: global.databasePath),
                                    options: .init(confidenceThreshold: configuration.needsHumanThreshold))
            return try CascadeClassifier(local: local, claude: try claude(configuration: configuration, logger: logger,
                                                                              concurrency: concurrency))
        }
    }

    /// The Claude classifier from the environment's key, the prompt templates and the `claude:` settings.
    func claude(configuration: TriageConfiguration, logger: Logger, concurrency: Int? = nil) throws -> ClaudeClassifier {
        guard var apiConfiguration = AnthropicConfiguration(environment: global.environment) else {
            throw CommandFailure("the Claude backend needs ANTHROPIC_API_KEY in the environment; without a key use --backend local", status: .configuration)
        }
        configuration.claude.apply(to: &apiConfiguration, concurrency: concurrency)
        let folder = try TemplateLocator(flag: templates).locate()
        let prompt = try ClaudePromptTemplate.load(directory: (folder as NSString).appendingPathComponent("prompts"))
        return try ClaudeClassifier(client: AnthropicClient(configuration: apiConfiguration, logger: logger),
                                    settings: configuration.claude, departments: configuration.departments,
                                    prompt: prompt, logger: logger)
    }
}
