import Foundation

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
        if !text.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
