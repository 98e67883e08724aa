/// `output_config`: structured output (`format`) and how much effort adaptive models spend.
public struct OutputConfig: Sendable, Hashable, Codable {
    public var format: OutputFormat?
    public var effort: Effort?

    public init(format: OutputFormat? = nil, effort: Effort? = nil) {
        self.format = format
        self.effort = effort
    }
}

/// `{"type":"json_schema","schema":{…}}`. Every object in `schema` needs `"additionalProperties": false`.
public struct OutputFormat: Sendable, Hashable, Codable {
    public var type: String
    public var schema: JSONValue

    public init(schema: JSONValue) {
        self.type = "json_schema"
        self.schema = schema
    }
}

/// `output_config.effort`.
public enum Effort: OpenStringEnum {
    case low, medium, high, max
    case unknown(String)

    public init(rawValue: String) {
        switch rawValue {
        case "low": self = .low
        case "medium": self = .medium
        case "high": self = .high
        case "max": self = .max
        default: self = .unknown(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .low: "low"
        case .medium: "medium"
        case .high: "high"
        case .max: "max"
        case let .unknown(raw): raw
        }
    }
}
