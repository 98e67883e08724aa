import Foundation
import Testing
import TriageModel

@Suite struct DisplayTextTests {
    /// No C0 or C1 control other than newline and tab, no DEL, no bidi override.
    static func isTerminalSafe(_ text: String) -> Bool {
        !text.unicodeScalars.contains { s in
            (s.value < 0x20 && s != "\n" && s != "\t") || (0x7F...0x9F).contains(s.value)
                || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
        }
    }

    @Test func escapeSequencesAreMadeVisibleAndNothingIsDropped() {
        let hostile = "Hi\u{1B}]0;pwned\u{07}\u{1B}[2J there\u{0}tail\u{9B}31m\u{7F}\u{202E}txt.exe\r\nnext\tcol"
        let safe = DisplayText.safe(hostile)
        #expect(Self.isTerminalSafe(safe))
        #expect(safe == "Hi␛]0;pwned␇␛[2J there␀tail\u{FFFD}31m␡\u{FFFD}txt.exe␍\nnext\tcol")
        #expect(DisplayText.safe("plain text, ünïcödé ✓") == "plain text, ünïcödé ✓")
    }

    @Test func oneLineFoldsBreaksAndTabsIntoSpaces() {
        #expect(DisplayText.line("a\r\n\tb\u{1B}c") == "a b␛c")
        #expect(!DisplayText.line("x\ny").contains("\n"))
    }

    @Test func chatTextEscapesTheThreeCharactersSlackReads() {
        #expect(ChatText.escaped("<!channel> <@U024BE7LH> <https://evil.example|Bank login> & co")
                == "&lt;!channel&gt; &lt;@U024BE7LH&gt; &lt;https://evil.example|Bank login&gt; &amp; co")
        #expect(ChatText.escaped("*bold* _it_ \\no backslashes") == "*bold* _it_ \\no backslashes")
    }

    @Test func jsonGetsDELAndC1EscapedLosslessly() throws {
        let value = ["s": "a\u{9B}2J\u{7F}b\u{85}c é ✓"]
        let encoded = try JSONEncoder().encode(value)
        let escaped = DisplayText.escapingControlsInJSON(encoded)
        let text = String(decoding: escaped, as: UTF8.self)
        #expect(text == #"{"s":"a\u009b2J\u007fb\u0085c é ✓"}"#)
        #expect(try JSONDecoder().decode([String: String].self, from: escaped) == value)
        let plain = try JSONEncoder().encode(["s": "é ✓ ünïcödé"])
        #expect(DisplayText.escapingControlsInJSON(plain) == plain)
    }
}
