import Testing
import TriageReports

@Suite("Text escaping")
struct TextEscapingTests {
    @Test("Markdown specials are backslash-escaped", arguments: [
        ("plain text", "plain text"),
        ("*bold* _it_", "\\*bold\\* \\_it\\_"),
        ("[x](y)", "\\[x\\]\\(y\\)"),
        ("<b>", "\\<b\\>"),
        ("# not a heading", "\\# not a heading"),
        ("a | b", "a \\| b"),
        ("`code`", "\\`code\\`"),
        ("back\\slash", "back\\\\slash"),
        ("- not a list", "\\- not a list"),
        ("+ not a list", "\\+ not a list"),
        ("well-known", "well-known"),
    ])
    func markdown(input: String, expected: String) {
        #expect(TextEscaping.markdown(input) == expected)
    }

    @Test func oneLineCollapsesControlCharacters() {
        #expect(TextEscaping.oneLine("  a\nb\r\n\tc  ") == "a b c")
        #expect(TextEscaping.oneLine("x\u{2028}y\u{0}z") == "x y z")
        #expect(TextEscaping.oneLine("") == "")
        #expect(TextEscaping.oneLine("\u{1B}[31mred\u{1B}[0m") == "[31mred [0m")
    }

    @Test func oneLineDropsBidiOverrides() {
        #expect(TextEscaping.oneLine("invoice\u{202E}fdp.exe") == "invoicefdp.exe")
        #expect(TextEscaping.oneLine("a\u{2066}b\u{2069}c") == "abc")
    }
}
