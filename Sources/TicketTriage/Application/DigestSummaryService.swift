import AnthropicClient
import Logging
import TriageClassify
import TriageModel
import TriageReports
import TriageStore

/// The digest's executive summary written by Claude (`triage digest --summary claude`): builds the client from the
/// environment's key and the `claude:` settings, writes the summary from the day's ticket summaries, and records
/// every call with its tokens and cost, also when writing fails.
public struct DigestSummaryService: Sendable {
    public var store: TicketStore
    public var configuration: TriageConfiguration
    public var environment: [String: String]
    public var logger: Logger

    public init(store: TicketStore, configuration: TriageConfiguration, environment: [String: String], logger: Logger) {
        self.store = store
        self.configuration = configuration
        self.environment = environment
        self.logger = logger
    }

    /// The summary of `data`'s day.
    /// - Throws: ``CommandFailure`` (78) without an API key; ``ExecutiveSummaryError`` (69) when Claude did not
    ///   write it; ``StoreError`` when the calls cannot be recorded.
    public func write(for data: DigestData) async throws -> String {
        guard var apiConfiguration = AnthropicConfiguration(environment: environment) else {
            throw CommandFailure("--summary claude needs ANTHROPIC_API_KEY in the environment; without a key use --summary numbers",
                                 status: .configuration)
        }
        configuration.claude.apply(to: &apiConfiguration, concurrency: nil)
        let tickets = try store.ticketSummaries(createdFrom: data.day.start, to: data.day.end, limit: 5000)
        let writer = ExecutiveSummaryWriter(client: AnthropicClient(configuration: apiConfiguration, logger: logger),
                                            model: configuration.claude.model, logger: logger)
        do {
            let (text, calls) = try await writer.write(day: data.day.date, numbers: ExecutiveSummary.compose(from: data),
                                                       tickets: tickets)
            try store.recordCalls(calls, ticketID: nil, runID: nil)
            return text
        } catch let error as ExecutiveSummaryError {
            try store.recordCalls(error.calls, ticketID: nil, runID: nil)
            throw error
        }
    }
}
