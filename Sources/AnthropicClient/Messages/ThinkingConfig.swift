/// `thinking`, in the form each model accepts (see `ModelSpec.thinking`).
public enum ThinkingConfig: Sendable, Hashable, Codable {
    /// `{"type":"enabled","budget_tokens":N}` — Haiku 4.5; N ≥ 1024 and < `max_tokens`.
    case enabled(budgetTokens: Int)
    /// `{"type":"adaptive"}` — Haiku 5.5, Sonnet 5.5; steer with `output_config.effort`.
    case adaptive
    /// `{"type":"disabled"}`.
    case disabled

    private enum CodingKeys: String, CodingKey {
        case type
        case budgetTokens = "budget_tokens"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "enabled": self = .enabled(budgetTokens: try container.decode(Int.self, forKey: .budgetTokens))
        case "adaptive": self = .adaptive
        default: self = .disabled
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .enabled(budget):
            try container.encode("enabled", forKey: .type)
            try container.encode(budget, forKey: .budgetTokens)
        case .adaptive:
            try container.encode("adaptive", forKey: .type)
        case .disabled:
            try container.encode("disabled", forKey: .type)
        }
    }
}
