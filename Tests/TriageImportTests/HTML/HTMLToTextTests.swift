import Foundation
import Testing
@testable import TriageImport

@Suite("HTMLToText")
struct HTMLToTextTests {
    @Test("scripts, styles and the head are dropped")
    func dropsScriptsAndStyles() {
        let html = """
        <html><head><title>Secret title</title><style>p { color: red }</style></head>
        <body><script>alert("x")</script><p>Hello there</p><noscript>enable js</noscript></body></html>
        """
        #expect(HTMLToText.convert(html) == "Hello there")
    }

    @Test("paragraphs leave a blank line, divs and br one line break")
    func blocksAndBreaks() {
        let html = "<p>First paragraph</p><p>Second<br>line two</p><div>a div</div><div>another</div>"
        #expect(HTMLToText.convert(html) == "First paragraph\n\nSecond\nline two\n\na div\nanother")
    }

    @Test("whitespace collapses, including no-break spaces")
    func collapsesWhitespace() {
        let html = "<p>  lots   of\n\n spaces&nbsp;&nbsp;here\t </p>"
        #expect(HTMLToText.convert(html) == "lots of spaces here")
    }

    @Test("lists read as dashes, ordered lists as numbers, nested lists indented")
    func lists() {
        let html = "<p>Steps:</p><ul><li>one</li><li>two<ul><li>inner</li></ul></li></ul><ol><li>first</li><li>second</li></ol>"
        #expect(HTMLToText.convert(html) == "Steps:\n\n- one\n- two\n  - inner\n\n1. first\n2. second")
    }

    @Test("table rows become lines with cells separated by a bar")
    func tables() {
        let html = "<table><tr><th>Plan</th><th>Price</th></tr><tr><td>Pro</td><td>$20</td></tr></table><p>after</p>"
        #expect(HTMLToText.convert(html) == "Plan | Price\nPro | $20\n\nafter")
    }

    @Test("links keep their URL when it differs from the text", arguments: [
        ("<a href=\"https://acme.example/reset\">reset your password</a>", "reset your password (https://acme.example/reset)"),
        ("<a href=\"https://acme.example\">https://acme.example</a>", "https://acme.example"),
        ("<a href=\"mailto:help@acme.example\">help@acme.example</a>", "help@acme.example"),
        ("<a href=\"#top\">back to top</a>", "back to top"),
        ("<a href=\"https://acme.example/x\"></a>", "https://acme.example/x"),
    ])
    func links(html: String, expected: String) {
        #expect(HTMLToText.convert(html) == expected)
    }

    @Test("named and numeric entities are decoded")
    func entities() {
        #expect(HTMLToText.convert("<p>Fish &amp; chips &lt;3 &eacute;t&#233; &#x20AC;5 &#8212; ok</p>") == "Fish & chips <3 été €5 — ok")
    }

    @Test("pre keeps its layout")
    func preformatted() {
        let html = "<p>Log:</p><pre>line 1\n    indented</pre><p>end</p>"
        #expect(HTMLToText.convert(html) == "Log:\n\nline 1\n    indented\n\nend")
    }

    @Test("upper-case tags are treated like lower-case ones")
    func upperCaseTags() {
        #expect(HTMLToText.convert("<P>Hi</P><SCRIPT>evil()</SCRIPT><UL><LI>one</LI></UL>") == "Hi\n\n- one")
    }

    @Test("plain text without markup only has its whitespace collapsed")
    func plainText() {
        #expect(HTMLToText.convert("  just\n text  ") == "just text")
    }

    @Test("garbage and unclosed tags still give the text")
    func garbage() {
        let html = "<div><p>unclosed <b>bold <i>both</div></span></table>tail &bogus; <<>> \u{0}x"
        let text = HTMLToText.convert(html)
        #expect(text.contains("unclosed bold both"))
        #expect(text.contains("tail"))
    }

    @Test("100,000 nested elements convert quickly without overflowing the stack")
    func deepNesting() {
        let depth = 100_000
        let html = String(repeating: "<div><span>", count: depth) + "deep" + String(repeating: "</span></div>", count: depth)
        let start = Date()
        let text = HTMLToText.convert(html)
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(text.isEmpty || text.contains("deep"))
    }

    /// Generous bound: debug builds on a loaded machine; the benchmark measures the real rate.
    @Test("a 2 MB body converts in a few seconds at most")
    func largeBody() {
        let paragraph = "<p>Order <b>#1234</b> arrived damaged &mdash; please <a href=\"https://acme.example/r\">refund</a>.</p>\n"
        let html = String(repeating: paragraph, count: 2_000_000 / paragraph.utf8.count)
        let start = Date()
        let text = HTMLToText.convert(html)
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(text.hasPrefix("Order #1234 arrived damaged — please refund (https://acme.example/r)."))
    }
}
