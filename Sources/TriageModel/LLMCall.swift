import Foundation

/// Token counts of one model call, as the API reports them.
public struct TokenUsage: Codable, Sendable, Hashable {
    /// Input tokens after the last cache breakpoint.
    public var inputTokens: Int
    public var outputTokens: Int
    public var cacheReadInputTokens: Int
    /// Tokens written to the cache (5-minute and 1-hour writes together).
    public var cacheCreationInputTokens: Int
    /// Of `cacheCreationInputTokens`, those written with the 1-hour TTL.
    public var cacheCreation1hInputTokens: Int

    public init(inputTokens: Int = 0, outputTokens: Int = 0, cacheReadInputTokens: Int = 0,
                cacheCreationInputTokens: Int = 0, cacheCreation1hInputTokens: Int = 0) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cacheReadInputTokens = cacheReadInputTokens
        self.cacheCreationInputTokens = cacheCreationInputTokens
        self.cacheCreation1hInputTokens = cacheCreation1hInputTokens
    }

    /// Every input token the prompt had: uncached, cache writes and cache reads.
    public var totalInputTokens: Int { inputTokens + cacheCreationInputTokens + cacheReadInputTokens }
}

/// One call to a language model, as recorded for cost and audit. Never holds the prompt or the key.
public struct LLMCallRecord: Codable, Sendable, Hashable {
    public enum Outcome: String, Codable, Sendable {
        /// A valid answer was used.
        case succeeded
        /// The API answered, but the answer broke the schema, was refused or cut off.
        case invalidAnswer = "invalid_answer"
        /// The call failed (HTTP error after retries, network, timeout).
        case failed
    }

    /// What the call was for (`classify`, `digest-summary`).
    public var purpose: String
    public var model: String
    public var usage: TokenUsage
    /// Through the Message Batches API (half price).
    public var isBatch: Bool
    /// Cost in USD from the model catalog; `nil` when the model's prices are unknown.
    public var costUSD: Double?
    public var latencyMilliseconds: Int
    /// The API's `request-id` header (or batch `custom_id` for batch results).
    public var requestID: String?
    public var startedAt: Date
    public var outcome: Outcome
    /// Why the call failed or was invalid; never contains the key or the prompt.
    public var error: String?

    public init(purpose: String, model: String, usage: TokenUsage, isBatch: Bool = false, costUSD: Double?,
                latencyMilliseconds: Int, requestID: String?, startedAt: Date, outcome: Outcome,
                error: String? = nil) {
        self.purpose = purpose
        self.model = model
        self.usage = usage
        self.isBatch = isBatch
        self.costUSD = costUSD
        self.latencyMilliseconds = latencyMilliseconds
        self.requestID = requestID
        self.startedAt = startedAt
        self.outcome = outcome
        self.error = error
    }
}
