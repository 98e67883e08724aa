/// A message body as exports give it: plain text, HTML, or both; the text is derived from the HTML when missing.
struct XMLMessageBody {
    var text: String
    var html: String?

    init(text: String?, html: String?) {
        self.html = html
        if let text, !text.isEmpty {
            self.text = text
        } else if let html {
            self.text = HTMLToText.convert(html)
        } else {
            self.text = ""
        }
    }

    /// Whether two bodies say the same once whitespace runs are ignored (a repeated description).
    static func sameText(_ lhs: String, _ rhs: String) -> Bool {
        lhs.split(whereSeparator: \.isWhitespace) == rhs.split(whereSeparator: \.isWhitespace)
    }
}
