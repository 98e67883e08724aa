import AnthropicClient
import Foundation
import Logging
import TriageModel

/// Classifies tickets with Claude through the Messages API: redacted ticket text, a cached static prompt,
/// structured output (or a forced tool for models without it), every answer validated, an invalid answer retried
/// once and then recorded as a failure — never stored as data.
///
/// ```swift
/// let client = AnthropicClient(configuration: AnthropicConfiguration(environment: env)!)
/// let claude = try ClaudeClassifier(client: client, settings: ClaudeSettings(), departments: Department.defaults,
///                                   prompt: try ClaudePromptTemplate.load(directory: "Templates/prompts"))
/// let classification = try await claude.classify(ticketText)
/// ```
///
/// The first request goes alone and the others wait for its response (``WarmUpGate``), so the cached prefix is
/// written once before the run fans out.
public struct ClaudeClassifier: Classifier, CostEstimating {
    /// The forced tool's name for models without structured output.
    public static let toolName = "record_triage"

    public let client: AnthropicClient
    public let settings: ClaudeSettings
    /// The model this instance asks (``ClaudeSettings/model`` or the escalation model).
    public let model: String
    public let departments: [Department]
    public let catalog: ModelCatalog
    public let promptVersion: String
    /// The rendered static system prompt (the cached prefix).
    public let systemPrompt: String
    let prompt: ClaudePromptTemplate
    let redactor: PIIRedactor
    let schema: JSONValue
    let gate = WarmUpGate()
    let logger: Logger

    /// - Parameters:
    ///   - model: overrides `settings.model` (the cascade builds its escalation classifier this way).
    ///   - catalog: prices and model facts; an unknown model works but its calls have no cost (and a warning).
    ///   - logger: the caller's logger; without one the classifier logs nothing.
    /// - Throws: ``ClaudeClassifierError/invalidSettings(_:)``, or a redaction pattern error.
    public init(client: AnthropicClient, settings: ClaudeSettings, departments: [Department], prompt: ClaudePromptTemplate,
                model: String? = nil, catalog: ModelCatalog = .standard, logger: Logger = Logger(label: "ClaudeClassifier", factory: { _ in SwiftLogNoOpLogHandler() })) throws {
        guard !departments.isEmpty else { throw ClaudeClassifierError.invalidSettings("no departments configured") }
        guard settings.maxTokens > 0 else { throw ClaudeClassifierError.invalidSettings("max_tokens must be positive, not \(settings.maxTokens)") }
        for (name, value) in [("confidence_threshold", settings.confidenceThreshold), ("local_threshold", settings.localThreshold)]
        where !(0...1).contains(value) {
            throw ClaudeClassifierError.invalidSettings("\(name) must be between 0 and 1, not \(value)")
        }
        self.client = client
        self.settings = settings
        self.model = model ?? settings.model
        self.departments = departments
        self.catalog = catalog
        self.prompt = prompt
        self.promptVersion = prompt.version
        self.systemPrompt = prompt.renderSystem(departments: departments, settings: settings)
        self.redactor = try PIIRedactor(options: settings.redaction.options)
        self.schema = ClassificationSchema.schema(departments: departments.map(\.name))
        self.logger = logger
        if catalog.spec(for: self.model) == nil {
            logger.warning("model \(self.model) is not in the model catalog: its calls are recorded without a cost and the budget cannot bound them")
        }
    }

    /// What one ticket's classification came to, with every call made.
    public struct Outcome: Sendable {
        public enum Status: Sendable {
            case answered(TriageResult)
            /// The API answered twice with something unusable (reason of the last one).
            case invalid(String)
            /// The API could not be reached or failed after the client's retries.
            case unavailable(String)
        }

        public var status: Status
        public var calls: [LLMCallRecord]
        /// Set with `.unavailable` when the API was unreachable through the retries: a run should stop.
        public var stop: ClaudeRunStop? = nil

        /// The answer, when there is one.
        public var result: TriageResult? {
            if case let .answered(result) = status { return result }
            return nil
        }
    }

    /// Throws ``ClaudeRunStop`` when no further ticket can succeed (rejected key, account, API unreachable).
    public func classify(_ ticket: TicketText) async throws -> Classification {
        let outcome = try await attempt(ticket)
        if let stop = outcome.stop { throw stop }
        return Classification(result: outcome.result, calls: outcome.calls)
    }

    /// Classifies `ticket`, telling an unusable answer apart from an unavailable API (the cascade needs both).
    /// Throws `CancellationError`, and ``ClaudeRunStop`` for a rejected key or account; an unreachable API is
    /// `.unavailable` with ``Outcome/stop`` set (the cascade may fall back to the local answer).
    public func attempt(_ ticket: TicketText) async throws -> Outcome {
        let prepared = prepare(ticket)
        let isWarmer = try await gate.enter()
        var calls: [LLMCallRecord] = []
        var lastProblem = ""
        for attemptNumber in 1...2 {
            let started = Date()
            let clock = ContinuousClock.now
            let response: MessageResponse
            do {
                response = try await client.createMessage(prepared.request)
            } catch {
                let stop = ClaudeRunStop(error)
                if isWarmer {
                    // A rejected key or account reaches everyone waiting without a request sent; otherwise the next
                    // request warms up (an unreachable API may still be fallen back from, per ticket).
                    if let stop, stop.kind != .unreachable { await gate.stop(stop) } else { await gate.failed() }
                }
                if Task.isCancelled { throw CancellationError() }
                if let stop, stop.kind != .unreachable { throw stop }
                let latency = Self.milliseconds(ContinuousClock.now - clock)
                calls.append(record(usage: Usage(), requestID: Self.requestID(of: error), started: started, latency: latency,
                                    outcome: .failed, error: "\(error)"))
                logger.warning("ticket \(ticket.ticketID): Claude unavailable: \(error)")
                return Outcome(status: .unavailable("\(error)"), calls: calls, stop: stop)
            }
            if isWarmer && attemptNumber == 1 { await gate.open() }
            switch interpret(response.message, prepared: prepared, ticket: ticket) {
            case let .success(result):
                calls.append(record(usage: response.message.usage, requestID: response.requestID, started: started,
                                    latency: Self.milliseconds(response.latency), outcome: .succeeded))
                return Outcome(status: .answered(result), calls: calls)
            case let .failure(problem):
                lastProblem = problem.description
                calls.append(record(usage: response.message.usage, requestID: response.requestID, started: started,
                                    latency: Self.milliseconds(response.latency), outcome: .invalidAnswer, error: lastProblem))
                logger.notice("ticket \(ticket.ticketID): invalid answer (attempt \(attemptNumber)): \(lastProblem)")
            }
        }
        return Outcome(status: .invalid(lastProblem), calls: calls)
    }

    /// Turns a model reply into a result: validation, language fallback, placeholders restored in the summary.
    /// `isBatch` marks results collected from a Message Batch.
    public func interpret(_ message: Message, prepared: PreparedRequest, ticket: TicketText,
                          isBatch: Bool = false) -> Result<TriageResult, ClaudeAnswer.Problem> {
        let parsed = ClaudeAnswer.parse(message, departments: departments.map(\.name), toolName: prepared.toolName,
                                        summaryWords: settings.summaryWords)
        return parsed.map { answer in
            let summary = settings.redaction.restoreInSummary ? prepared.redaction.restore(answer.summary) : answer.summary
            let language = answer.language ?? LanguageDetector().detect(ticket.subject + "\n" + ticket.body)
            var needsHuman = answer.needsHuman
            var reasons = answer.needsHumanReason.map { [$0] } ?? []
            if answer.confidence < settings.confidenceThreshold {
                needsHuman = true
                reasons.append(String(format: "low confidence %.2f < %.2f", answer.confidence, settings.confidenceThreshold))
            }
            return TriageResult(department: answer.department, priority: answer.priority, sentiment: answer.sentiment,
                                language: language, confidence: answer.confidence, summary: summary, needsHuman: needsHuman,
                                needsHumanReason: reasons.isEmpty ? nil : reasons.joined(separator: "; "),
                                backend: isBatch ? .claudeBatch : .claude, model: model, promptVersion: promptVersion)
        }
    }

    // MARK: - Records

    /// A call record with its cost from the catalog (`nil` for an unknown model).
    public func record(usage: Usage, requestID: String?, started: Date, latency: Int, outcome: LLMCallRecord.Outcome,
                       error: String? = nil, isBatch: Bool = false) -> LLMCallRecord {
        LLMCallRecord(
            purpose: "classify", model: model,
            usage: TokenUsage(inputTokens: usage.inputTokens, outputTokens: usage.outputTokens,
                              cacheReadInputTokens: usage.cacheReadInputTokens ?? 0,
                              cacheCreationInputTokens: usage.cacheCreationInputTokens ?? 0,
                              cacheCreation1hInputTokens: usage.cacheCreation?.ephemeral1hInputTokens ?? 0),
            isBatch: isBatch, costUSD: catalog.cost(model: model, usage: usage, isBatch: isBatch),
            latencyMilliseconds: latency, requestID: requestID, startedAt: started, outcome: outcome, error: error)
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }

    static func requestID(of error: any Error) -> String? {
        switch error as? AnthropicError {
        case let .api(apiError)?: apiError.requestID
        case let .invalidResponse(_, requestID)?: requestID
        default: nil
        }
    }
}
