/// What one model accepts and costs: a row of the `ModelCatalog`.
public struct ModelSpec: Sendable, Hashable {
    /// Which sampling parameters (`temperature`, `top_p`, `top_k`) a model accepts.
    public enum Sampling: Sendable, Hashable {
        /// None: any of them is a 400.
        case none
        /// `temperature` or `top_p` (never both), and only under API version 2023-06-01.
        case temperatureOrTopPOnLegacyVersion
    }

    /// The form of `thinking` a model accepts.
    public enum ThinkingMode: Sendable, Hashable {
        /// `{"type":"adaptive"}`, steered by `output_config.effort`.
        case adaptive
        /// `{"type":"enabled","budget_tokens":N}` with `minimumBudget` ≤ N < `max_tokens`.
        case budget(minimumBudget: Int)
    }

    public var id: String
    /// Other ids that name the same model (dated snapshots).
    public var aliases: [String]
    public var contextWindow: Int
    public var maxOutputTokens: Int
    public var sampling: Sampling
    public var thinking: ThinkingMode
    /// Supports `output_config.format` (otherwise use forced tool use).
    public var structuredOutput: Bool
    /// A cached prefix shorter than this is silently not cached.
    public var minimumCacheableTokens: Int
    public var pricing: ModelPricing
    /// A dearer tier for prompts whose total input exceeds `threshold` tokens.
    public var longPromptTier: LongPromptTier?
    /// Fraction of the price the Batch API charges (0.5: half price).
    public var batchPriceFactor: Double

    public init(id: String, aliases: [String] = [], contextWindow: Int, maxOutputTokens: Int, sampling: Sampling,
                thinking: ThinkingMode, structuredOutput: Bool, minimumCacheableTokens: Int, pricing: ModelPricing,
                longPromptTier: LongPromptTier? = nil, batchPriceFactor: Double = 0.5) {
        self.id = id
        self.aliases = aliases
        self.contextWindow = contextWindow
        self.maxOutputTokens = maxOutputTokens
        self.sampling = sampling
        self.thinking = thinking
        self.structuredOutput = structuredOutput
        self.minimumCacheableTokens = minimumCacheableTokens
        self.pricing = pricing
        self.longPromptTier = longPromptTier
        self.batchPriceFactor = batchPriceFactor
    }

    /// Whether `id` names this model.
    public func matches(_ id: String) -> Bool { id == self.id || aliases.contains(id) }
}

/// USD per million tokens.
public struct ModelPricing: Sendable, Hashable {
    public var input: Double
    public var output: Double
    public var cacheWrite5m: Double
    public var cacheWrite1h: Double
    public var cacheRead: Double

    public init(input: Double, output: Double, cacheWrite5m: Double, cacheWrite1h: Double, cacheRead: Double) {
        self.input = input
        self.output = output
        self.cacheWrite5m = cacheWrite5m
        self.cacheWrite1h = cacheWrite1h
        self.cacheRead = cacheRead
    }
}

/// Prices that apply to the whole call when its total input exceeds `threshold` tokens.
public struct LongPromptTier: Sendable, Hashable {
    public var threshold: Int
    public var pricing: ModelPricing

    public init(threshold: Int, pricing: ModelPricing) {
        self.threshold = threshold
        self.pricing = pricing
    }
}
