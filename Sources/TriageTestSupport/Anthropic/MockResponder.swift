import AnthropicClient
import Foundation

/// What the fake answers to a Messages request. Replace it to script answers per test.
public struct MockResponder: Sendable {
    /// The reply: text content (JSON text for structured output) and optionally a stop reason to force.
    public struct Reply: Sendable {
        public var text: String
        public var stopReason: StopReason?

        public init(text: String, stopReason: StopReason? = nil) {
            self.text = text
            self.stopReason = stopReason
        }
    }

    public var reply: @Sendable (MessageRequest) -> Reply

    public init(reply: @escaping @Sendable (MessageRequest) -> Reply) {
        self.reply = reply
    }

    /// Deterministic from the request: with `output_config.format`, a JSON object valid for the schema
    /// (an enum takes the first value that appears in the last user text, else its first value);
    /// otherwise a short echo of the last user text.
    public static let deterministic = MockResponder { request in
        let userText = lastUserText(request)
        if let schema = request.outputConfig?.format?.schema {
            let value = answer(for: schema, name: "answer", userText: userText.lowercased())
            let data = (try? AnthropicJSON.encode(value)) ?? Data("{}".utf8)
            return Reply(text: String(decoding: data, as: UTF8.self))
        }
        return Reply(text: "Echo: " + String(userText.prefix(120)))
    }

    /// The text of the last user message.
    public static func lastUserText(_ request: MessageRequest) -> String {
        guard let message = request.messages.last(where: { $0.role == .user }) else { return "" }
        return message.content.compactMap { block in
            if case let .text(text) = block { return text.text }
            return nil
        }.joined(separator: "\n")
    }

    /// A value valid for `schema` (objects, arrays, enums, strings, numbers, booleans, nullables).
    static func answer(for schema: APIJSON, name: String, userText: String) -> APIJSON {
        if let options = schema["enum"]?.arrayValue, let first = options.first {
            return options.first { option in
                option.stringValue.map { userText.contains($0.lowercased()) } ?? false
            } ?? first
        }
        if let constant = schema["const"] { return constant }
        if let choices = schema["anyOf"]?.arrayValue ?? schema["oneOf"]?.arrayValue, let first = choices.first {
            return answer(for: first, name: name, userText: userText)
        }
        let type = schema["type"]?.stringValue ?? schema["type"]?.arrayValue?.first?.stringValue ?? "object"
        switch type {
        case "object":
            var members: [String: APIJSON] = [:]
            for (key, property) in schema["properties"]?.objectValue ?? [:] {
                members[key] = answer(for: property, name: key, userText: userText)
            }
            return .object(members)
        case "array":
            return .array(schema["items"].map { [answer(for: $0, name: name, userText: userText)] } ?? [])
        case "integer": return .int(1)
        case "number": return .double(0.75)
        case "boolean": return .bool(false)
        case "null": return .null
        default: return .string("\(name) for: \(String(userText.prefix(40)))")
        }
    }
}
