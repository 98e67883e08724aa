import Testing
@testable import MailParser

/// HTML parts whose Content-Type names no charset: the document's own `<meta>` declaration decides.
@Suite struct HTMLCharsetTests {
    /// "Привет" in KOI8-R.
    static let koi8Privet: [UInt8] = [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4]

    static func message(meta: String, contentType: String = "text/html") -> [UInt8] {
        Array("""
            From: a@example.com\r
            Subject: hi\r
            MIME-Version: 1.0\r
            Content-Type: \(contentType)\r
            Content-Transfer-Encoding: 8bit\r
            \r
            <html><head>\(meta)</head><body><p>
            """.utf8) + koi8Privet + Array("</p></body></html>\r\n".utf8)
    }

    @Test(arguments: [#"<meta charset="koi8-r">"#,
                      #"<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=KOI8-R">"#,
                      "<meta charset = 'koi8-r' />"])
    func theMetaDeclarationDecodesTheBody(meta: String) {
        let content = MailMessage(parsing: Self.message(meta: meta)).content()
        #expect(content.html?.contains("Привет") == true, "\(content.html ?? "nil")")
    }

    @Test func theHeaderWinsOverTheMetaTag() {
        // A charset in the header decides, whatever the document's meta tag says.
        let content = MailMessage(parsing: Self.message(meta: #"<meta charset="koi8-r">"#,
                                                        contentType: "text/html; charset=koi8-r")).content()
        #expect(content.html?.contains("Привет") == true)
        let other = MailMessage(parsing: Self.message(meta: #"<meta charset="utf-8">"#,
                                                      contentType: "text/html; charset=koi8-r")).content()
        #expect(other.html?.contains("Привет") == true)
    }

    @Test func withoutAnyDeclarationUndeclared8BitIsReadInItsLikelyCharset() {
        // Not valid UTF-8 and no declaration anywhere: the charset detector reads the KOI8-R bytes.
        let content = MailMessage(parsing: Self.message(meta: "")).content()
        #expect(content.html?.contains("Привет") == true)
        // With windows-1252 as the only candidate, no Cyrillic appears.
        let latin = MailMessage(parsing: Self.message(meta: "")).content(undeclaredCharsets: ["windows-1252"])
        #expect(latin.html?.contains("Привет") == false)
    }

    @Test(arguments: [("<meta charset=\"windows-1251\">", "windows-1251"),
                      ("<meta name=x><meta charset=utf-8>", "utf-8"),
                      ("<meta name=\"charset\">", nil),
                      ("<p>charset=latin1</p>", nil)] as [(String, String?)])
    func sniffing(html: String, expected: String?) {
        #expect(HTMLCharset.sniff(Array(html.utf8)) == expected)
    }
}
