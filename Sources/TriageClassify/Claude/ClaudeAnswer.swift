import AnthropicClient
import Foundation
import TriageModel

/// A triage decision read from a model reply and checked field by field. Pure: no I/O.
public struct ClaudeAnswer: Sendable, Hashable {
    public var department: String
    public var priority: Priority
    public var sentiment: Sentiment
    /// A BCP 47 tag, or `nil` when the model's value was not one (the caller detects the language itself).
    public var language: String?
    public var confidence: Double
    public var summary: String
    public var needsHuman: Bool
    public var needsHumanReason: String?

    /// Why a reply is not a usable answer; the text goes into the call record's `error`.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case refused
        case cutOff
        case noAnswer(String)
        case notJSON
        case missingField(String)
        case unexpectedField(String)
        case invalidValue(field: String, value: String)

        public var description: String {
            switch self {
            case .refused: "the model refused (stop_reason refusal)"
            case .cutOff: "the answer was cut off at max_tokens; raise claude.max_tokens"
            case let .noAnswer(detail): "no answer in the reply: \(detail)"
            case .notJSON: "the answer is not a JSON object"
            case let .missingField(field): "field `\(field)` is missing"
            case let .unexpectedField(field): "unexpected field `\(field)`"
            case let .invalidValue(field, value): "field `\(field)` has an invalid value \(value.prefix(80))"
            }
        }
    }

    /// Reads the decision from `message`: the text (structured output) or the input of tool `toolName`.
    ///
    /// - Parameters:
    ///   - departments: the configured names; a case-insensitive match is accepted and spelled as configured.
    ///   - summaryWords: longer summaries are cut to this many words (not rejected).
    public static func parse(_ message: Message, departments: [String], toolName: String?,
                             summaryWords: Int) -> Result<ClaudeAnswer, Problem> {
        switch message.stopReason {
        case .refusal?: return .failure(.refused)
        case .maxTokens?: return .failure(.cutOff)
        default: break
        }
        let value: JSONValue
        if let toolName {
            let input = message.content.lazy.compactMap { block -> JSONValue? in
                if case let .toolUse(use) = block, use.name == toolName { return use.input }
                return nil
            }.first
            guard let input else { return .failure(.noAnswer("no call of tool \(toolName)")) }
            value = input
        } else {
            let text = message.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { return .failure(.noAnswer("empty text")) }
            guard let parsed = JSONValue.parse(Data(text.utf8)) else { return .failure(.notJSON) }
            value = parsed
        }
        return validate(value, departments: departments, summaryWords: summaryWords)
    }

    /// Checks a decoded JSON value against the schema and the ranges the schema cannot express.
    public static func validate(_ value: JSONValue, departments: [String], summaryWords: Int) -> Result<ClaudeAnswer, Problem> {
        guard let object = value.objectValue else { return .failure(.notJSON) }
        if let extra = object.keys.sorted().first(where: { !ClassificationSchema.fields.contains($0) }) {
            return .failure(.unexpectedField(extra))
        }
        for field in ClassificationSchema.fields where object[field] == nil {
            return .failure(.missingField(field))
        }
        func string(_ field: String) -> Result<String, Problem> {
            guard let text = object[field]?.stringValue else { return .failure(.invalidValue(field: field, value: "\(object[field]!)")) }
            return .success(text)
        }
        do {
            let departmentText = try string("department").get()
            guard let department = departments.first(where: { $0 == departmentText })
                ?? departments.first(where: { $0.caseInsensitiveCompare(departmentText) == .orderedSame }) else {
                return .failure(.invalidValue(field: "department", value: departmentText))
            }
            let priorityText = try string("priority").get()
            guard let priority = Priority(rawValue: priorityText) else {
                return .failure(.invalidValue(field: "priority", value: priorityText))
            }
            let sentimentText = try string("sentiment").get()
            guard let sentiment = Sentiment(rawValue: sentimentText) else {
                return .failure(.invalidValue(field: "sentiment", value: sentimentText))
            }
            let confidence: Double
            switch object["confidence"]! {
            case let .double(number): confidence = number
            case let .int(number): confidence = Double(number)
            case let other: return .failure(.invalidValue(field: "confidence", value: "\(other)"))
            }
            guard confidence.isFinite, (0...1).contains(confidence) else {
                return .failure(.invalidValue(field: "confidence", value: "\(confidence)"))
            }
            let summary = try string("summary").get().trimmingCharacters(in: .whitespacesAndNewlines)
            guard !summary.isEmpty else { return .failure(.invalidValue(field: "summary", value: "(empty)")) }
            guard case let .bool(needsHuman)? = object["needs_human"] else {
                return .failure(.invalidValue(field: "needs_human", value: "\(object["needs_human"]!)"))
            }
            let reason = try string("needs_human_reason").get().trimmingCharacters(in: .whitespacesAndNewlines)
            let language = try string("language").get().trimmingCharacters(in: .whitespaces)
            return .success(ClaudeAnswer(
                department: department, priority: priority, sentiment: sentiment,
                language: isLanguageTag(language) ? language : nil, confidence: confidence,
                summary: limitWords(summary, to: summaryWords), needsHuman: needsHuman,
                needsHumanReason: reason.isEmpty ? nil : reason))
        } catch let problem as Problem {
            return .failure(problem)
        } catch {
            return .failure(.notJSON)
        }
    }

    /// `en`, `pt-BR`, `zh-Hant`, `und`: a 2–3 letter primary subtag and alphanumeric subtags of 2–8.
    static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, (2...3).contains(primary.count),
              primary.unicodeScalars.allSatisfy({ $0.isASCII && CharacterSet.letters.contains($0) }) else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.unicodeScalars.allSatisfy { $0.isASCII && CharacterSet.alphanumerics.contains($0) }
        }
    }

    /// The first `limit` words of `text` (whitespace-separated), unchanged when it is short enough.
    static func limitWords(_ text: String, to limit: Int) -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        guard limit > 0, words.count > limit else { return text }
        return words.prefix(limit).joined(separator: " ") + " …"
    }
}
