/// The `system` field: a plain string, or text blocks (which may carry cache breakpoints).
public enum SystemPrompt: Sendable, Hashable, Codable {
    case text(String)
    case blocks([TextBlock])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .blocks(try container.decode([TextBlock].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .text(text): try container.encode(text)
        case let .blocks(blocks): try container.encode(blocks)
        }
    }
}
