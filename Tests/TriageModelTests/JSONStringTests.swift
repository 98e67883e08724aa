import Foundation
import Testing
import TriageModel

@Suite struct JSONStringTests {
    @Test(arguments: [("plain", "plain"), ("say \"hi\"", #"say \"hi\""#), (#"C:\dir"#, #"C:\\dir"#),
                      ("a\nb\rc\td", #"a\nb\rc\td"#), ("bell\u{07}", #"bell\u0007"#), ("esc\u{1B}", #"esc\u001b"#),
                      ("café ☕️ 日本", "café ☕️ 日本")])
    func escapes(raw: String, escaped: String) {
        #expect(JSONString.escaped(raw) == escaped)
        var bytes: [UInt8] = []
        JSONString.appendEscaped(raw, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == escaped)
    }

    /// Whatever the text, the quoted form is a JSON string that reads back as the same text.
    @Test func quotedTextReadsBackUnchanged() throws {
        var all = ""
        for value in 0..<0x80 { all.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        all += "ü€😀\u{2028}"
        let json = "[" + JSONString.quoted(all) + "]"
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String])
        #expect(parsed == [all])
    }
}
