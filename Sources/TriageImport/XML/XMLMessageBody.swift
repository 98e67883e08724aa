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

    /// Whether two bodies say the same once ASCII whitespace is ignored (a repeated description).
    static func sameText(_ lhs: String, _ rhs: String) -> Bool {
        if lhs == rhs { return true }
        var left = lhs.utf8.makeIterator()
        var right = rhs.utf8.makeIterator()
        while true {
            let a = nextVisible(&left)
            let b = nextVisible(&right)
            if a != b { return false }
            if a == nil { return true }
        }
    }

    private static func nextVisible(_ iterator: inout String.UTF8View.Iterator) -> UInt8? {
        while let byte = iterator.next() {
            if byte != 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 { return byte }
        }
        return nil
    }
}
