/// A response of `POST /v1/messages` (and a batch's succeeded result). Unknown fields are ignored.
public struct Message: Sendable, Hashable, Codable {
    public var id: String
    public var type: String
    public var role: Role
    public var model: String
    public var content: [ContentBlock]
    /// `nil` only in the `message_start` event of a stream.
    public var stopReason: StopReason?
    public var stopSequence: String?
    public var usage: Usage

    public init(id: String, type: String = "message", role: Role = .assistant, model: String, content: [ContentBlock],
                stopReason: StopReason?, stopSequence: String? = nil, usage: Usage) {
        self.id = id
        self.type = type
        self.role = role
        self.model = model
        self.content = content
        self.stopReason = stopReason
        self.stopSequence = stopSequence
        self.usage = usage
    }

    /// All text blocks joined: the model's answer.
    public var text: String {
        content.compactMap { block in
            if case let .text(text) = block { return text.text }
            return nil
        }.joined()
    }

    private enum CodingKeys: String, CodingKey {
        case id, type, role, model, content, usage
        case stopReason = "stop_reason"
        case stopSequence = "stop_sequence"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        type = try container.decodeIfPresent(String.self, forKey: .type) ?? "message"
        role = try container.decodeIfPresent(Role.self, forKey: .role) ?? .assistant
        model = try container.decode(String.self, forKey: .model)
        content = try container.decodeIfPresent([ContentBlock].self, forKey: .content) ?? []
        stopReason = try container.decodeIfPresent(StopReason.self, forKey: .stopReason)
        stopSequence = try container.decodeIfPresent(String.self, forKey: .stopSequence)
        usage = try container.decodeIfPresent(Usage.self, forKey: .usage) ?? Usage()
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(type, forKey: .type)
        try container.encode(role, forKey: .role)
        try container.encode(model, forKey: .model)
        try container.encode(content, forKey: .content)
        try container.encode(stopReason, forKey: .stopReason)
        try container.encode(stopSequence, forKey: .stopSequence)
        try container.encode(usage, forKey: .usage)
    }
}

/// Why the model stopped.
public enum StopReason: OpenStringEnum {
    case endTurn, maxTokens, stopSequence, toolUse, pauseTurn, refusal, modelContextWindowExceeded
    case unknown(String)

    private static let names: [(StopReason, String)] = [
        (.endTurn, "end_turn"), (.maxTokens, "max_tokens"), (.stopSequence, "stop_sequence"),
        (.toolUse, "tool_use"), (.pauseTurn, "pause_turn"), (.refusal, "refusal"),
        (.modelContextWindowExceeded, "model_context_window_exceeded"),
    ]

    public init(rawValue: String) {
        self = Self.names.first { $0.1 == rawValue }?.0 ?? .unknown(rawValue)
    }

    public var rawValue: String {
        if case let .unknown(raw) = self { return raw }
        return Self.names.first { $0.0 == self }?.1 ?? ""
    }
}
