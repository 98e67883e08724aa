/// The one table of model facts (limits, parameters, caching minimum, prices). Code asks it instead
/// of testing model ids.
public struct ModelCatalog: Sendable {
    public var models: [ModelSpec]

    public init(models: [ModelSpec]) {
        self.models = models
    }

    /// The default model of the Claude stage.
    public static let defaultModelID = "claude-haiku-5-5"

    /// The models TicketTriage knows, with late-2026 list prices.
    public static let standard = ModelCatalog(models: [
        ModelSpec(
            id: "claude-haiku-5-5", contextWindow: 1_000_000, maxOutputTokens: 128_000, sampling: .none,
            thinking: .adaptive, structuredOutput: true, minimumCacheableTokens: 512,
            pricing: ModelPricing(input: 0.10, output: 0.50, cacheWrite5m: 0.125, cacheWrite1h: 0.20, cacheRead: 0.01),
            longPromptTier: LongPromptTier(threshold: 100_000, pricing: ModelPricing(
                input: 0.50, output: 2.50, cacheWrite5m: 0.625, cacheWrite1h: 1.00, cacheRead: 0.05))
        ),
        ModelSpec(
            id: "claude-haiku-4-5", aliases: ["claude-haiku-4-5-20251001"], contextWindow: 200_000,
            maxOutputTokens: 64_000, sampling: .temperatureOrTopPOnLegacyVersion, thinking: .budget(minimumBudget: 1024),
            structuredOutput: true, minimumCacheableTokens: 4096,
            pricing: ModelPricing(input: 1.00, output: 5.00, cacheWrite5m: 1.25, cacheWrite1h: 2.00, cacheRead: 0.10)
        ),
        // Cache read $0.20 per the model's documentation page (10% of input); its minimum cacheable
        // prompt is not documented in our sources: 1024 as for the Sonnet line before it.
        ModelSpec(
            id: "claude-sonnet-5-5", contextWindow: 1_000_000, maxOutputTokens: 128_000, sampling: .none,
            thinking: .adaptive, structuredOutput: true, minimumCacheableTokens: 1024,
            pricing: ModelPricing(input: 2.00, output: 10.00, cacheWrite5m: 2.50, cacheWrite1h: 4.00, cacheRead: 0.20)
        ),
    ])

    /// The row for `id` or one of its aliases; `nil` for an unknown id (the caller warns).
    public func spec(for id: String) -> ModelSpec? {
        models.first { $0.matches(id) }
    }
}
