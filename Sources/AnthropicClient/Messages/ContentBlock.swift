import Foundation

/// A block of message content, in requests and responses. Unknown block types are kept as raw JSON.
public enum ContentBlock: Sendable, Hashable, Codable {
    case text(TextBlock)
    case thinking(thinking: String, signature: String)
    case redactedThinking(data: String)
    case toolUse(ToolUseBlock)
    case toolResult(ToolResultBlock)
    /// A block type this client does not model, as the API sent it.
    case unknown(JSONValue)

    /// A text block without cache control.
    public static func text(_ text: String) -> ContentBlock { .text(TextBlock(text: text)) }

    /// The block's `type` on the wire.
    public var type: String {
        switch self {
        case .text: "text"
        case .thinking: "thinking"
        case .redactedThinking: "redacted_thinking"
        case .toolUse: "tool_use"
        case .toolResult: "tool_result"
        case let .unknown(raw): raw["type"]?.stringValue ?? "unknown"
        }
    }

    private enum CodingKeys: String, CodingKey {
        case type, thinking, signature, data
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "text":
            self = .text(try TextBlock(from: decoder))
        case "thinking":
            self = .thinking(thinking: try container.decode(String.self, forKey: .thinking),
                             signature: try container.decodeIfPresent(String.self, forKey: .signature) ?? "")
        case "redacted_thinking":
            self = .redactedThinking(data: try container.decode(String.self, forKey: .data))
        case "tool_use":
            self = .toolUse(try ToolUseBlock(from: decoder))
        case "tool_result":
            self = .toolResult(try ToolResultBlock(from: decoder))
        default:
            self = .unknown(try JSONValue(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case let .text(block):
            try block.encode(to: encoder)
        case let .thinking(thinking, signature):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("thinking", forKey: .type)
            try container.encode(thinking, forKey: .thinking)
            try container.encode(signature, forKey: .signature)
        case let .redactedThinking(data):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("redacted_thinking", forKey: .type)
            try container.encode(data, forKey: .data)
        case let .toolUse(block):
            try block.encode(to: encoder)
        case let .toolResult(block):
            try block.encode(to: encoder)
        case let .unknown(raw):
            try raw.encode(to: encoder)
        }
    }
}

/// `{"type":"text","text":…}`, optionally a cache breakpoint; responses may carry citations.
public struct TextBlock: Sendable, Hashable, Codable {
    public var text: String
    public var citations: [JSONValue]?
    public var cacheControl: CacheControl?

    public init(text: String, citations: [JSONValue]? = nil, cacheControl: CacheControl? = nil) {
        self.text = text
        self.citations = citations
        self.cacheControl = cacheControl
    }

    private enum CodingKeys: String, CodingKey {
        case type, text, citations
        case cacheControl = "cache_control"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        citations = try container.decodeIfPresent([JSONValue].self, forKey: .citations)
        cacheControl = try container.decodeIfPresent(CacheControl.self, forKey: .cacheControl)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("text", forKey: .type)
        try container.encode(text, forKey: .text)
        try container.encodeIfPresent(citations, forKey: .citations)
        try container.encodeIfPresent(cacheControl, forKey: .cacheControl)
    }
}

/// A tool call the model made: `input` is JSON following the tool's input schema.
public struct ToolUseBlock: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var input: JSONValue

    public init(id: String, name: String, input: JSONValue) {
        self.id = id
        self.name = name
        self.input = input
    }

    private enum CodingKeys: String, CodingKey {
        case type, id, name, input
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        input = try container.decodeIfPresent(JSONValue.self, forKey: .input) ?? .object([:])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("tool_use", forKey: .type)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(input, forKey: .input)
    }
}

/// The answer to a tool call, sent back in a user message.
public struct ToolResultBlock: Sendable, Hashable, Codable {
    public var toolUseID: String
    public var content: String
    public var isError: Bool?
    public var cacheControl: CacheControl?

    public init(toolUseID: String, content: String, isError: Bool? = nil, cacheControl: CacheControl? = nil) {
        self.toolUseID = toolUseID
        self.content = content
        self.isError = isError
        self.cacheControl = cacheControl
    }

    private enum CodingKeys: String, CodingKey {
        case type, content
        case toolUseID = "tool_use_id"
        case isError = "is_error"
        case cacheControl = "cache_control"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        toolUseID = try container.decode(String.self, forKey: .toolUseID)
        content = (try? container.decode(String.self, forKey: .content)) ?? ""
        isError = try container.decodeIfPresent(Bool.self, forKey: .isError)
        cacheControl = try container.decodeIfPresent(CacheControl.self, forKey: .cacheControl)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("tool_result", forKey: .type)
        try container.encode(toolUseID, forKey: .toolUseID)
        try container.encode(content, forKey: .content)
        try container.encodeIfPresent(isError, forKey: .isError)
        try container.encodeIfPresent(cacheControl, forKey: .cacheControl)
    }
}
