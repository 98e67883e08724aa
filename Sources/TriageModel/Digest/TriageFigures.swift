import Foundation

/// What the triage stage did during the day and what it cost.
public struct TriageFigures: Codable, Sendable, Hashable {
    public var ticketsTriaged: Int
    /// Results per backend (`local`, `claude`, `claude-batch`).
    public var byBackend: [LabelCount]
    /// Results whose confidence was below ``lowConfidenceThreshold``.
    public var lowConfidence: Int
    public var lowConfidenceThreshold: Double
    /// Tokens of every model call of the day (classification and digest summaries).
    public var tokens: TokenUsage
    /// Model calls of the day, and how many went through the Message Batches API.
    public var calls: Int
    public var batchCalls: Int
    /// Cost of the day's calls in USD; calls with unknown prices count as zero (see ``unpricedCalls``).
    public var costUSD: Double
    /// Calls whose model had no price in the catalog.
    public var unpricedCalls: Int
    /// Of the day's new tickets, how many have a triage result for their current content, whenever triage ran
    /// (the other figures count work done during the day); `nil` when not counted.
    public var newTicketsTriaged: Int?

    public init(ticketsTriaged: Int, byBackend: [LabelCount] = [], lowConfidence: Int = 0,
                lowConfidenceThreshold: Double = NeedsHumanThreshold.default, tokens: TokenUsage = TokenUsage(), calls: Int = 0,
                batchCalls: Int = 0, costUSD: Double = 0, unpricedCalls: Int = 0, newTicketsTriaged: Int? = nil) {
        self.newTicketsTriaged = newTicketsTriaged
        self.ticketsTriaged = ticketsTriaged
        self.byBackend = byBackend
        self.lowConfidence = lowConfidence
        self.lowConfidenceThreshold = lowConfidenceThreshold
        self.tokens = tokens
        self.calls = calls
        self.batchCalls = batchCalls
        self.costUSD = costUSD
        self.unpricedCalls = unpricedCalls
    }

    /// Share (0…1) of all input tokens that were read from the prompt cache; `nil` with no input tokens.
    public var cacheReadShare: Double? {
        tokens.totalInputTokens > 0 ? Double(tokens.cacheReadInputTokens) / Double(tokens.totalInputTokens) : nil
    }

    /// Share (0…1) of calls that went through the Message Batches API; `nil` with no calls.
    public var batchShare: Double? { calls > 0 ? Double(batchCalls) / Double(calls) : nil }
}
