import Foundation
import TriageModel

/// A JSON body with `{{placeholder}}` holes; values are escaped for use inside JSON strings.
///
/// Write placeholders inside quotes: `{"text": "New ticket: {{subject}}"}`. A missing value renders empty.
/// The template is split into pieces once, when it is created.
public struct WebhookTemplate: Sendable, Hashable {
    enum Piece: Sendable, Hashable {
        case text(String)
        case placeholder(String)
    }

    public let source: String
    let pieces: [Piece]

    public init(_ source: String) {
        self.source = source
        var pieces: [Piece] = []
        var rest = source[...]
        while let open = rest.firstRange(of: "{{"), let close = rest[open.upperBound...].firstRange(of: "}}") {
            if open.lowerBound > rest.startIndex { pieces.append(.text(String(rest[..<open.lowerBound]))) }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            pieces.append(.placeholder(name))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        self.pieces = pieces
    }

    /// The placeholder names in order of appearance, trimmed of spaces.
    public var placeholders: [String] {
        pieces.compactMap { piece in
            if case let .placeholder(name) = piece { name } else { nil }
        }
    }

    /// Replaces each placeholder with `value(name)` escaped for a JSON string (empty when `nil`).
    public func render(_ value: (String) -> String?) -> String {
        var output = ""
        for piece in pieces {
            switch piece {
            case let .text(text): output += text
            case let .placeholder(name): output += WebhookTemplate.escape(value(name) ?? "")
            }
        }
        return output
    }

    /// Escapes `text` for the inside of a JSON string.
    public static func escape(_ text: String) -> String {
        JSONString.escaped(text)
    }
}
