import AnthropicClient
import TriageModel

/// The JSON schema of a triage decision, for `output_config.format` (or a forced tool's input schema).
///
/// Every field is required and no other is allowed; `department` is an enum of the configured departments.
/// The API's structured output rejects min/max keywords, so ranges are checked by ``ClaudeAnswer`` instead.
public enum ClassificationSchema {
    /// Field names in the order the prompt lists them.
    public static let fields = ["department", "priority", "sentiment", "language", "confidence", "summary",
                                "needs_human", "needs_human_reason"]

    public static func schema(departments: [String]) -> JSONValue {
        func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
        let properties: [String: JSONValue] = [
            "department": .object(["type": .string("string"), "enum": strings(departments)]),
            "priority": .object(["type": .string("string"), "enum": strings(Priority.allCases.map(\.rawValue))]),
            "sentiment": .object(["type": .string("string"), "enum": strings(Sentiment.allCases.map(\.rawValue))]),
            "language": .object(["type": .string("string"), "description": .string("BCP 47 tag of the customer's language")]),
            "confidence": .object(["type": .string("number"), "description": .string("0 to 1")]),
            "summary": .object(["type": .string("string")]),
            "needs_human": .object(["type": .string("boolean")]),
            "needs_human_reason": .object(["type": .string("string")]),
        ]
        return .object([
            "type": .string("object"),
            "properties": .object(properties),
            "required": strings(fields),
            "additionalProperties": .bool(false),
        ])
    }
}
