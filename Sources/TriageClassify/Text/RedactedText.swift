import Foundation

/// Text with personal data replaced by placeholders, and the mapping to put it back.
public struct RedactedText: Sendable, Hashable, Codable {
    /// The text with placeholders such as `[EMAIL_1]`.
    public var text: String
    /// Placeholder → original value. The same value always gets the same placeholder within one text.
    public var replacements: [String: String]

    public init(text: String, replacements: [String: String]) {
        self.text = text
        self.replacements = replacements
    }

    /// Puts the original values back into `string` (e.g. a summary written from the redacted text).
    public func restore(_ string: String) -> String {
        var result = string
        for (placeholder, original) in replacements.sorted(by: { $0.key.count > $1.key.count }) {
            result = result.replacingOccurrences(of: placeholder, with: original)
        }
        return result
    }
}
