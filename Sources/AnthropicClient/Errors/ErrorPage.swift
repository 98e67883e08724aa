import Foundation

/// Reduces an error body that is not the API's JSON (a proxy's or load balancer's HTML page, plain text) to one
/// short line: the page's `<title>`, else its first non-empty line of text, at most 120 characters, without
/// markup or control characters.
enum ErrorPage {
    static let maximumLength = 120

    static func summary(of body: Data) -> String {
        let text = String(decoding: body.prefix(64 << 10), as: UTF8.self)
        if let title = Self.title(in: text) {
            return "HTML error page: \(clip(title))"
        }
        if text.range(of: "<html", options: .caseInsensitive) != nil || text.range(of: "<!doctype", options: .caseInsensitive) != nil {
            let visible = text.replacingOccurrences(of: "<[^>]*>", with: "\n", options: .regularExpression)
            return "HTML error page: \(clip(firstLine(of: visible) ?? "no title"))"
        }
        return clip(firstLine(of: text) ?? "empty body")
    }

    /// The text of the first `<title>` element, whitespace collapsed.
    static func title(in text: String) -> String? {
        guard let open = text.range(of: "<title[^>]*>", options: [.regularExpression, .caseInsensitive]),
              let close = text.range(of: "</title>", options: .caseInsensitive, range: open.upperBound..<text.endIndex) else {
            return nil
        }
        let title = collapse(String(text[open.upperBound..<close.lowerBound]))
        return title.isEmpty ? nil : title
    }

    private static func firstLine(of text: String) -> String? {
        text.split(whereSeparator: \.isNewline).map { collapse(String($0)) }.first { !$0.isEmpty }
    }

    private static func collapse(_ text: String) -> String {
        let printable = String(text.unicodeScalars.map { CharacterSet.controlCharacters.contains($0) ? " " : Character($0) })
        return printable.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func clip(_ text: String) -> String {
        text.count <= maximumLength ? text : String(text.prefix(maximumLength - 1)) + "…"
    }
}
