/// How the HTML-to-text walk treats an element.
enum HTMLTag {
    /// Dropped with everything inside (`script`, `style`, `head`…).
    case skipped
    /// A block that ends a line (`div`, `li` content, `tr`…).
    case block
    /// A block set off by a blank line (`p`, headings, `blockquote`…).
    case paragraph
    case lineBreak
    case unorderedList
    case orderedList
    case listItem
    case tableRow
    case tableCell
    case link
    case preformatted
    /// Inline elements and anything unknown: only their text counts.
    case inline

    /// The tag for a lower-case element name; one hash lookup instead of a chain of string comparisons.
    static func named(_ name: String) -> HTMLTag {
        table[name] ?? .inline
    }

    private static let table: [String: HTMLTag] = {
        var table: [String: HTMLTag] = [:]
        for name in ["script", "style", "head", "title", "template", "svg", "iframe", "object", "noscript", "select",
                     "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "hr", "dl", "figure", "form",
                     "div", "section", "article", "header", "footer", "main", "nav", "aside", "address", "dt", "dd",
                     "fieldset", "figcaption", "center", "caption", "thead", "tbody", "tfoot", "details", "summary",
                     "body", "html", "br", "ul", "menu", "dir", "ol", "li", "tr", "td", "th", "a",
                     "pre", "textarea", "listing", "xmp", "plaintext"] {
            table[name] = HTMLTag(name: name)
        }
        return table
    }()

    init(name: String) {
        switch name {
        case "script", "style", "head", "title", "template", "svg", "iframe", "object", "noscript", "select":
            self = .skipped
        case "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "hr", "dl", "figure", "form":
            self = .paragraph
        case "div", "section", "article", "header", "footer", "main", "nav", "aside", "address", "dt", "dd",
             "fieldset", "figcaption", "center", "caption", "thead", "tbody", "tfoot", "details", "summary",
             "body", "html":
            self = .block
        case "br": self = .lineBreak
        case "ul", "menu", "dir": self = .unorderedList
        case "ol": self = .orderedList
        case "li": self = .listItem
        case "tr": self = .tableRow
        case "td", "th": self = .tableCell
        case "a": self = .link
        case "pre", "textarea", "listing", "xmp", "plaintext": self = .preformatted
        default: self = .inline
        }
    }
}
