/// A client tool the model may call; `inputSchema` is a JSON schema object.
public struct Tool: Sendable, Hashable, Codable {
    public var name: String
    public var description: String?
    public var inputSchema: JSONValue
    public var cacheControl: CacheControl?

    public init(name: String, description: String? = nil, inputSchema: JSONValue, cacheControl: CacheControl? = nil) {
        self.name = name
        self.description = description
        self.inputSchema = inputSchema
        self.cacheControl = cacheControl
    }

    private enum CodingKeys: String, CodingKey {
        case name, description
        case inputSchema = "input_schema"
        case cacheControl = "cache_control"
    }
}

/// `tool_choice`: `auto`, `any`, a named `tool`, or `none`. With thinking only `auto`/`none` are allowed.
public enum ToolChoice: Sendable, Hashable, Codable {
    case auto
    case any
    case tool(name: String)
    /// `{"type":"none"}` (named apart from `Optional.none`).
    case noTools

    private enum CodingKeys: String, CodingKey { case type, name }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "any": self = .any
        case "tool": self = .tool(name: try container.decode(String.self, forKey: .name))
        case "none": self = .noTools
        default: self = .auto
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .auto: try container.encode("auto", forKey: .type)
        case .any: try container.encode("any", forKey: .type)
        case let .tool(name):
            try container.encode("tool", forKey: .type)
            try container.encode(name, forKey: .name)
        case .noTools: try container.encode("none", forKey: .type)
        }
    }
}

/// `metadata`: an opaque `user_id` (a hash or id, never PII).
public struct RequestMetadata: Sendable, Hashable, Codable {
    public var userID: String?

    public init(userID: String?) { self.userID = userID }

    private enum CodingKeys: String, CodingKey { case userID = "user_id" }
}
