import MailParser
import Testing

@Suite struct CharsetTests {
    @Test(arguments: [
        ("iso-8859-1", [0x63, 0x61, 0x66, 0xE9] as [UInt8], "café"),
        ("windows-1252", [0x80, 0x20, 0x93, 0x71, 0x94], "€ “q”"),
        ("iso-8859-2", [0xB1], "ą"),
        ("iso-8859-15", [0xA4], "€"),
        ("windows-1251", [0xCF, 0xF0, 0xE8], "При"),
        ("koi8-r", [0xF0, 0xD2, 0xC9], "При"),
        ("shift_jis", [0x93, 0xFA, 0x96, 0x7B], "日本"),
        ("euc-jp", [0xC6, 0xFC, 0xCB, 0xDC], "日本"),
        ("iso-2022-jp", [0x1B, 0x24, 0x42, 0x46, 0x7C, 0x4B, 0x5C, 0x1B, 0x28, 0x42], "日本"),
        ("gb2312", [0xD6, 0xD0, 0xCE, 0xC4], "中文"),
        ("big5", [0xA4, 0xA4, 0xA4, 0xE5], "中文"),
        ("euc-kr", [0xC7, 0xD1, 0xB1, 0xDB], "한글"),
        ("utf-7", Array("Hi +AOk-".utf8), "Hi é"),
        ("UTF-8", [0xC3, 0xA9], "é"),
    ])
    func decodesDeclaredCharsets(charset: String, bytes: [UInt8], expected: String) {
        let result = Charset.decode(bytes, charset: charset)
        #expect(result.text == expected)
        #expect(result.defect == nil)
    }

    @Test func undeclaredEightBitIsUTF8WhenValidElseWindows1252() {
        #expect(Charset.decode([0xC3, 0xA9], charset: nil).text == "é")
        #expect(Charset.decode([0xE9, 0x80], charset: nil).text == "é€")
    }

    @Test func unknownCharsetFallsBackWithDefect() {
        let result = Charset.decode(Array("café".utf8), charset: "x-no-such-charset")
        #expect(result.text == "café")
        #expect(result.defect?.kind == .unknownCharset)
    }

    @Test func invalidBytesInDeclaredCharsetAreReplaced() {
        let result = Charset.decode([0x41, 0xFF, 0x42], charset: "shift_jis")
        #expect(result.text.hasPrefix("A"))
        #expect(result.text.hasSuffix("B"))
        #expect(result.defect?.kind == .invalidCharsetData)
    }
}
