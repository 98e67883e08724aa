import Foundation
import TriageModel

/// A JSON body with `{{placeholder}}` holes; values are escaped for use inside JSON strings.
///
/// Write placeholders inside quotes: `{"text": "New ticket: {{subject}}"}`. A missing value renders empty.
/// The template is split into pieces once, when it is created.
///
/// Ticket-derived values come from customers, and chat services read `<…>` in a message's text as commands
/// (`<!channel>`, `<@U123>`) and links (`<https://evil.example|Bank login>`). So every value is also escaped the
/// way Slack asks for (`&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;`), except the rule's own `rule.id` and
/// `rule.description`, and except where the template asks for the raw value with `{{raw:name}}`.
public struct WebhookTemplate: Sendable, Hashable {
    enum Piece: Sendable, Hashable {
        case text(String)
        case placeholder(String)
        /// `{{raw:name}}`: the value without chat escaping (still escaped for JSON).
        case raw(String)
    }

    /// The prefix that asks for a value without chat escaping.
    public static let rawPrefix = "raw:"
    /// Placeholders whose values come from the rules file, not from tickets: never chat-escaped.
    static let trustedNames: Set<String> = ["rule.id", "rule.description"]

    public let source: String
    let pieces: [Piece]

    public init(_ source: String) {
        self.source = source
        var pieces: [Piece] = []
        var rest = source[...]
        while let open = rest.firstRange(of: "{{"), let close = rest[open.upperBound...].firstRange(of: "}}") {
            if open.lowerBound > rest.startIndex { pieces.append(.text(String(rest[..<open.lowerBound]))) }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if name.hasPrefix(Self.rawPrefix) {
                pieces.append(.raw(String(name.dropFirst(Self.rawPrefix.count)).trimmingCharacters(in: .whitespaces)))
            } else {
                pieces.append(.placeholder(name))
            }
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        self.pieces = pieces
    }

    /// The placeholder names in order of appearance, trimmed of spaces (without `raw:`).
    public var placeholders: [String] {
        pieces.compactMap { piece in
            switch piece {
            case let .placeholder(name), let .raw(name): name
            case .text: nil
            }
        }
    }

    /// Replaces each placeholder with `value(name)` chat-escaped (unless raw or trusted) and escaped for a JSON
    /// string (empty when `nil`).
    public func render(_ value: (String) -> String?) -> String {
        var output = ""
        for piece in pieces {
            switch piece {
            case let .text(text): output += text
            case let .placeholder(name):
                let text = value(name) ?? ""
                output += WebhookTemplate.escape(Self.trustedNames.contains(name) ? text : ChatText.escaped(text))
            case let .raw(name): output += WebhookTemplate.escape(value(name) ?? "")
            }
        }
        return output
    }

    /// Escapes `text` for the inside of a JSON string.
    public static func escape(_ text: String) -> String {
        JSONString.escaped(text)
    }
}
