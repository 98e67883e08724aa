import Foundation

/// A JSON body with `{{placeholder}}` holes; values are escaped for use inside JSON strings.
///
/// Write placeholders inside quotes: `{"text": "New ticket: {{subject}}"}`. A missing value renders empty.
public struct WebhookTemplate: Sendable, Hashable {
    public var source: String

    public init(_ source: String) {
        self.source = source
    }

    /// The placeholder names in order of appearance (trimmed), and an unclosed `{{` as the last one's absence.
    public var placeholders: [String] {
        var names: [String] = []
        var rest = source[...]
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            names.append(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))
            rest = rest[close.upperBound...]
        }
        return names
    }

    /// Replaces each placeholder with `value(name)` escaped for a JSON string (empty when `nil`).
    public func render(_ value: (String) -> String?) -> String {
        var output = ""
        var rest = source[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            output += rest[..<open.lowerBound]
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            output += WebhookTemplate.escape(value(name) ?? "")
            rest = rest[close.upperBound...]
        }
        output += rest
        return output
    }

    /// Escapes `text` for the inside of a JSON string.
    public static func escape(_ text: String) -> String {
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
