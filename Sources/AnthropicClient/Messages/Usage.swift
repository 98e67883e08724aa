/// Token counts of one call as the API reports them. Total input = input + cache creation + cache read.
public struct Usage: Sendable, Hashable, Codable {
    /// Input tokens after the last cache breakpoint.
    public var inputTokens: Int
    public var outputTokens: Int
    public var cacheCreationInputTokens: Int?
    public var cacheReadInputTokens: Int?
    /// Cache writes split by TTL.
    public var cacheCreation: CacheCreation?
    public var serviceTier: String?

    public init(inputTokens: Int = 0, outputTokens: Int = 0, cacheCreationInputTokens: Int? = nil,
                cacheReadInputTokens: Int? = nil, cacheCreation: CacheCreation? = nil, serviceTier: String? = nil) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cacheCreationInputTokens = cacheCreationInputTokens
        self.cacheReadInputTokens = cacheReadInputTokens
        self.cacheCreation = cacheCreation
        self.serviceTier = serviceTier
    }

    /// Every input token of the prompt, cached or not (decides the long-prompt price tier).
    public var totalInputTokens: Int {
        inputTokens + (cacheCreationInputTokens ?? 0) + (cacheReadInputTokens ?? 0)
    }

    private enum CodingKeys: String, CodingKey {
        case inputTokens = "input_tokens"
        case outputTokens = "output_tokens"
        case cacheCreationInputTokens = "cache_creation_input_tokens"
        case cacheReadInputTokens = "cache_read_input_tokens"
        case cacheCreation = "cache_creation"
        case serviceTier = "service_tier"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        inputTokens = try container.decodeIfPresent(Int.self, forKey: .inputTokens) ?? 0
        outputTokens = try container.decodeIfPresent(Int.self, forKey: .outputTokens) ?? 0
        cacheCreationInputTokens = try container.decodeIfPresent(Int.self, forKey: .cacheCreationInputTokens)
        cacheReadInputTokens = try container.decodeIfPresent(Int.self, forKey: .cacheReadInputTokens)
        cacheCreation = try container.decodeIfPresent(CacheCreation.self, forKey: .cacheCreation)
        serviceTier = try container.decodeIfPresent(String.self, forKey: .serviceTier)
    }
}

/// `usage.cache_creation`: cache writes by TTL.
public struct CacheCreation: Sendable, Hashable, Codable {
    public var ephemeral5mInputTokens: Int
    public var ephemeral1hInputTokens: Int

    public init(ephemeral5mInputTokens: Int = 0, ephemeral1hInputTokens: Int = 0) {
        self.ephemeral5mInputTokens = ephemeral5mInputTokens
        self.ephemeral1hInputTokens = ephemeral1hInputTokens
    }

    private enum CodingKeys: String, CodingKey {
        case ephemeral5mInputTokens = "ephemeral_5m_input_tokens"
        case ephemeral1hInputTokens = "ephemeral_1h_input_tokens"
    }
}
