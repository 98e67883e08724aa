import AnthropicClient
import Foundation
import TriageModel

/// The Claude stage's settings: which model, how long the answer may be, thresholds and redaction. They are read
/// from the `claude:` section of `triage.yml` by TicketTriage's configuration (`ClaudeSettings+File.swift`); every
/// key is optional there (snake_case) and a missing key keeps the default below:
///
/// ```yaml
/// claude:
///   model: claude-haiku-5-5
///   escalation_model: claude-sonnet-5-5
///   max_tokens: 400
///   summary_words: 60
///   summary_language: English
///   effort: low
///   (the confidence threshold is the top-level `needs_human_threshold`)
///   local_threshold: 0.85
///   fallback_to_local: false
///   request_timeout_seconds: 120
///   idle_timeout_seconds: 60
///   redaction: { emails: true, phones: true, cards: true, ibans: true, restore_in_summary: true, patterns: [] }
/// ```
public struct ClaudeSettings: Sendable, Hashable {
    /// The model that classifies (`claude-haiku-5-5`; `claude-haiku-4-5` keeps working).
    public var model: String
    /// A larger model asked again when `model`'s confidence is below `confidenceThreshold` (cascade only).
    public var escalationModel: String?
    /// Output limit per call. Kept tight: the rate limiter charges it up front and it bounds the worst-case cost.
    public var maxTokens: Int
    /// Longest summary in words; longer summaries are cut at this many words.
    public var summaryWords: Int
    /// The language summaries are written in, as the prompt names it (`English`, `German`).
    public var summaryLanguage: String
    /// `output_config.effort` for models with adaptive thinking (`low`, `medium`, `high`); ignored by others.
    public var effort: String?
    /// Below this confidence a Claude answer is escalated (cascade) and flagged for a human.
    public var confidenceThreshold: Double
    /// In the cascade, the local model's answer is used when its confidence is at least this.
    public var localThreshold: Double
    /// In the cascade, when Claude is unavailable after retries: take the local answer (marked) instead of failing.
    public var fallbackToLocal: Bool
    /// Longest one API attempt may take, streamed or not, before it is abandoned (and retried by the policy).
    /// The SDKs allow 10 minutes; a triage call takes seconds, so a cron run gives up on a stalled API sooner.
    public var requestTimeoutSeconds: Double
    /// Longest silence (no byte received) on one attempt, also inside a stream, before it is abandoned.
    public var idleTimeoutSeconds: Double
    public var redaction: RedactionSettings
    /// Few-shot examples shown in the cached prompt; those naming an unconfigured department are skipped.
    public var examples: [PromptExample]

    public init(model: String = "claude-haiku-5-5", escalationModel: String? = nil, maxTokens: Int = 400,
                summaryWords: Int = 60, summaryLanguage: String = "English", effort: String? = "low",
                confidenceThreshold: Double = NeedsHumanThreshold.default, localThreshold: Double = CascadeDefaults.localThreshold, fallbackToLocal: Bool = false,
                requestTimeoutSeconds: Double = 120, idleTimeoutSeconds: Double = 60, redaction: RedactionSettings = RedactionSettings(), examples: [PromptExample] = PromptExample.defaults) {
        self.model = model
        self.escalationModel = escalationModel
        self.maxTokens = maxTokens
        self.summaryWords = summaryWords
        self.summaryLanguage = summaryLanguage
        self.effort = effort
        self.confidenceThreshold = confidenceThreshold
        self.localThreshold = localThreshold
        self.fallbackToLocal = fallbackToLocal
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.redaction = redaction
        self.examples = examples
    }

    /// The client settings these imply: request and idle timeouts, and `concurrency` requests in flight.
    public func apply(to configuration: inout AnthropicConfiguration, concurrency: Int?) {
        configuration.timeout = .milliseconds(Int64(requestTimeoutSeconds * 1000))
        configuration.idleTimeout = .milliseconds(Int64(idleTimeoutSeconds * 1000))
        if let concurrency { configuration.maxConcurrentRequests = max(1, concurrency) }
    }
}

/// What is redacted before ticket text leaves the machine.
public struct RedactionSettings: Sendable, Hashable {
    public var emails: Bool
    public var phones: Bool
    public var cards: Bool
    public var ibans: Bool
    /// Extra patterns (`name`, `regex`); matches become `[NAME_n]`.
    public var patterns: [PIIRedactor.Pattern]
    /// Put the original values back into the stored summary (they never reach the API either way).
    public var restoreInSummary: Bool

    public init(emails: Bool = true, phones: Bool = true, cards: Bool = true, ibans: Bool = true,
                patterns: [PIIRedactor.Pattern] = [], restoreInSummary: Bool = true) {
        self.emails = emails
        self.phones = phones
        self.cards = cards
        self.ibans = ibans
        self.patterns = patterns
        self.restoreInSummary = restoreInSummary
    }

    /// The redactor's options.
    public var options: PIIRedactor.Options {
        PIIRedactor.Options(emails: emails, phones: phones, cards: cards, ibans: ibans, extraPatterns: patterns)
    }
}
