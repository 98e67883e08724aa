import AnthropicClient
import Foundation

/// The checks the fake applies to a Messages body before answering, like the real API's 400s.
enum MockRequestValidator {
    /// `CreateMessageParams` properties (from the OpenAPI description) plus `output_config`.
    static let allowedTopLevelKeys: Set<String> = [
        "model", "messages", "cache_control", "container", "inference_geo", "max_tokens", "metadata", "output_config",
        "service_tier", "stop_sequences", "stream", "system", "temperature", "thinking", "tool_choice", "tools",
        "top_k", "top_p",
    ]
    static let requiredKeys = ["model", "messages", "max_tokens"]
    static let countTokensKeys: Set<String> = [
        "cache_control", "messages", "model", "output_config", "system", "thinking", "tool_choice", "tools",
    ]
    /// Schema keywords structured output does not support.
    static let unsupportedSchemaKeywords: Set<String> = [
        "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems",
        "maxItems", "minProperties", "maxProperties", "multipleOf",
    ]

    /// Why the raw body is not a valid request (shape rules that do not depend on the model).
    static func shapeProblems(_ body: APIJSON, allowed: Set<String> = allowedTopLevelKeys,
                              required: [String] = requiredKeys) -> [String] {
        guard let object = body.objectValue else { return ["body: must be a JSON object"] }
        var problems: [String] = []
        for key in required where object[key] == nil {
            problems.append("\(key): Field required")
        }
        for key in object.keys.sorted() where !allowed.contains(key) {
            problems.append("\(key): Extra inputs are not permitted")
        }
        if let messages = object["messages"]?.arrayValue {
            if messages.isEmpty { problems.append("messages: at least one message is required") }
            for (index, message) in messages.enumerated() {
                for key in (message.objectValue ?? [:]).keys.sorted() where key != "role" && key != "content" {
                    problems.append("messages.\(index).\(key): Extra inputs are not permitted")
                }
            }
        }
        problems += cacheControlProblems(object)
        if let schema = object["output_config"]?["format"]?["schema"] {
            problems += schemaProblems(schema, path: "output_config.format.schema")
        }
        return problems
    }

    /// At most 4 breakpoints, and never on an empty text block.
    static func cacheControlProblems(_ object: [String: APIJSON]) -> [String] {
        var blocks: [(String, APIJSON)] = []
        for (index, tool) in (object["tools"]?.arrayValue ?? []).enumerated() { blocks.append(("tools.\(index)", tool)) }
        for (index, block) in (object["system"]?.arrayValue ?? []).enumerated() { blocks.append(("system.\(index)", block)) }
        for (messageIndex, message) in (object["messages"]?.arrayValue ?? []).enumerated() {
            for (index, block) in (message["content"]?.arrayValue ?? []).enumerated() {
                blocks.append(("messages.\(messageIndex).content.\(index)", block))
            }
        }
        var problems: [String] = []
        let marked = blocks.filter { $0.1["cache_control"] != nil }
        if marked.count > 4 {
            problems.append("A maximum of 4 blocks with cache_control may be provided. Found \(marked.count).")
        }
        for (path, block) in marked where block["type"]?.stringValue == "text" && block["text"]?.stringValue == "" {
            problems.append("\(path): cache_control cannot be set for empty text blocks")
        }
        return problems
    }

    /// Every object schema needs `additionalProperties: false`; no length/size keywords.
    static func schemaProblems(_ schema: APIJSON, path: String) -> [String] {
        guard let object = schema.objectValue else { return [] }
        var problems: [String] = []
        let isObject = object["type"]?.stringValue == "object" || object["properties"] != nil
        if isObject && object["additionalProperties"] != .bool(false) {
            problems.append("\(path): For 'object' type, 'additionalProperties' must be explicitly set to false")
        }
        for keyword in object.keys.sorted() where unsupportedSchemaKeywords.contains(keyword) {
            problems.append("\(path).\(keyword): not supported in structured output schemas")
        }
        for (name, property) in (object["properties"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            problems += schemaProblems(property, path: "\(path).properties.\(name)")
        }
        if let items = object["items"] { problems += schemaProblems(items, path: "\(path).items") }
        return problems
    }
}
