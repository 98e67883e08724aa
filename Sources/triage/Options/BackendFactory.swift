import AnthropicClient
import Foundation
import Logging
import TicketTriage
import TriageClassify

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
            do {
                return try CascadeClassifier(local: local, claude: try claude(configuration: configuration, logger: logger,
                                                                                  concurrency: concurrency))
            } catch let error as CLIError {
                throw error
            } catch {
                throw CLIError(error, exitCode: .configuration)
            }
        }
    }

    /// The Claude classifier from the environment's key, the prompt templates and the `claude:` settings.
    func claude(configuration: TriageConfiguration, logger: Logger, concurrency: Int? = nil) throws -> ClaudeClassifier {
        guard var apiConfiguration = AnthropicConfiguration(environment: global.environment) else {
            throw CLIError(message: "the Claude backend needs ANTHROPIC_API_KEY in the environment; without a key use --backend local", exitCode: .configuration)
        }
        configuration.claude.apply(to: &apiConfiguration, concurrency: concurrency)
        let folder: String
        do {
            folder = try TemplateLocator(flag: templates).locate()
        } catch {
            throw CLIError(error, exitCode: .configuration)
        }
        do {
            let prompt = try ClaudePromptTemplate.load(directory: (folder as NSString).appendingPathComponent("prompts"))
            return try ClaudeClassifier(client: AnthropicClient(configuration: apiConfiguration, logger: logger),
                                        settings: configuration.claude, departments: configuration.departments,
                                        prompt: prompt, logger: logger)
        } catch {
            throw CLIError(error, exitCode: .configuration)
        }
    }
}
