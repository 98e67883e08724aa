/// The output formats of `triage digest --format`.
public enum DigestFormat: String, Codable, Sendable, CaseIterable {
    /// Mail-client-safe HTML with inline SVG charts.
    case html
    /// Markdown for chat tools.
    case markdown = "md"
    /// Plain text with aligned columns.
    case text
    /// ``DigestData`` itself, versioned JSON.
    case json

    /// The default template's file name in the templates folder; `nil` for JSON, which has no template.
    public var templateFileName: String? {
        switch self {
        case .html: "digest.html.mustache"
        case .markdown: "digest.md.mustache"
        case .text: "digest.txt.mustache"
        case .json: nil
        }
    }
}

extension DigestFormat {
    /// Reads a `--format` value, accepting the long spellings too: `markdown` for `md`, `txt` for `text`.
    public init?(name: String) {
        switch name.lowercased() {
        case "markdown": self = .markdown
        case "txt", "plain": self = .text
        default: self.init(rawValue: name.lowercased())
        }
    }
}
