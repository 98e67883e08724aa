import Foundation
import MailParser
import Testing

/// Cases where real-world mail departs from the standards and mature parsers still read it right.
@Suite struct MailFidelityTests {
    private func message(_ text: String) -> MailMessage {
        MailMessage(parsing: Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    }

    @Test func encodedWordWithRawEightBitBytesIsDecoded() {
        // "Frösche" with the ö as a raw ISO-8859-1 byte inside a Q word (old Outlook): not conforming, very common.
        var bytes = Array("Subject: =?iso-8859-1?Q?Die_Hasen_und_die_Fr".utf8)
        bytes.append(0xF6)
        bytes += Array("sche?=\r\nFrom: =?iso-8859-1?Q?J".utf8) + [0xFC] + Array("rgen?= <j@example.com>\r\n\r\nbody\r\n".utf8)
        let parsed = MailMessage(parsing: bytes)
        #expect(parsed.subject == "Die Hasen und die Frösche")
        #expect(parsed.from.first?.name == "Jürgen")
    }

    @Test func adjacentWordsInDifferentCharsetsAreJoinedWithoutASpace() {
        #expect(EncodedWord.decode("=?iso-8859-1?q?Gr=FC=DFe?= =?utf-8?q?_aus_K=C3=B6ln?=") == "Grüße aus Köln")
        #expect(EncodedWord.decode("=?koi8-r?b?8NLJ18XU?= =?utf-8?q?!?=") == "Привет!")
    }

    @Test func utf16TextIsDecoded() {
        var bytes = Array("Content-Type: text/plain; charset=utf-16le\r\n\r\n".utf8)
        for unit in "Test ü".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(MailMessage(parsing: bytes).content().text == "Test ü")
        var withMark = Array("Content-Type: text/plain; charset=utf-16\r\n\r\n".utf8) + [0xFE, 0xFF]
        for unit in "Hi".utf16 { withMark += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        #expect(MailMessage(parsing: withMark).content().text == "Hi")
    }

    @Test(arguments: [
        ("koi8-r", "Здравствуйте, у меня не работает принтер"),
        ("windows-1251", "Здравствуйте, у меня не работает принтер"),
        ("iso-8859-1", "Grüße aus Köln, schöne Frösche"),
        ("iso-8859-2", "Dzień dobry, płatność została pobrana dwukrotnie, a żadna przesyłka nie dotarła."),
        ("windows-1252", "Merci — c’est réglé, à bientôt"),
    ])
    func undeclaredEightBitTextIsReadInItsLikelyCharset(charset: String, text: String) throws {
        let encoded = try #require(encode(text, charset: charset))
        let bytes = Array("Subject: x\r\n\r\n".utf8) + encoded
        #expect(MailMessage(parsing: bytes).content().text == text)
    }

    @Test func theFallbackListIsConfigurable() throws {
        let encoded = try #require(encode("Здравствуйте", charset: "koi8-r"))
        let bytes = Array("Subject: x\r\n\r\n".utf8) + encoded
        #expect(MailMessage(parsing: bytes).content(undeclaredCharsets: ["windows-1252"]).text != "Здравствуйте")
    }

    @Test(arguments: [
        ("Message-ID: abc.123@example.com", "abc.123@example.com"),
        ("Message-ID:   <abc@example.com> (comment)", "abc@example.com"),
        ("Message-ID: 1234.5678", "1234.5678"),
    ])
    func messageIDWithoutBracketsIsKept(header: String, id: String) {
        #expect(message("\(header)\nSubject: x\n\nbody\n").messageID == id)
    }

    @Test func aOnceOnlyHeaderThatOccursTwiceTakesTheFirstAndRecordsADefect() {
        let parsed = message("From: First <first@example.com>\nFrom: Second <second@example.com>\nSubject: one\nSubject: two\n\nbody\n")
        #expect(parsed.from.map(\.address) == ["first@example.com"])
        #expect(parsed.subject == "one")
        #expect(parsed.defects.filter { $0.kind == .duplicateHeader }.count == 2)
    }

    @Test func aBase64EmbeddedMessageIsParsed() throws {
        let inner = "From: Bob <bob@example.com>\r\nSubject: Quarterly numbers\r\n\r\nSee attached.\r\n"
        let encoded = Data(inner.utf8).base64EncodedString(options: .lineLength76Characters)
        let parsed = message("""
            Subject: Fwd
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            Forwarding.
            --b
            Content-Type: message/rfc822
            Content-Transfer-Encoding: base64

            \(encoded)
            --b--
            """)
        let content = parsed.content()
        #expect(content.attachments.map(\.filename) == ["Quarterly numbers.eml"])
        let index = try #require(parsed.parts.firstIndex { $0.contentType.value == "message/rfc822" })
        let embedded = try #require(parsed.embeddedMessage(ofPart: index))
        #expect(embedded.from.first?.address == "bob@example.com")
        #expect(embedded.content().text == "See attached.\r\n")
    }

    @Test func aTextPartWithAFileNameIsAnAttachment() {
        let parsed = message("""
            Subject: notes
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            The body.
            --b
            Content-Type: text/plain; name="notes.txt"
            Content-Disposition: inline; filename="notes.txt"

            Attached notes.
            --b
            Content-Type: text/plain
            Content-Disposition: attachment

            Unnamed attachment.
            --b--
            """)
        let content = parsed.content()
        #expect(content.text == "The body.")
        #expect(content.attachments.map(\.filename) == ["notes.txt", nil])
    }

    @Test func aNamedInlineTextIsAlsoTheBodyWhenThereIsNoOther() {
        let parsed = message("""
            Subject: only a file
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain; name="story.txt"
            Content-Disposition: inline; filename="story.txt"

            Once upon a time.
            --b--
            """)
        let content = parsed.content()
        #expect(content.text == "Once upon a time.")
        #expect(content.attachments.map(\.filename) == ["story.txt"])
    }

    @Test func uuencodedFilesInAPlainBodyBecomeAttachments() {
        let parsed = message("""
            Subject: old client

            See the file.

            begin 644 hi.txt
            #:&D*
            `
            end

            Bye.
            """)
        let content = parsed.content()
        #expect(content.attachments.map(\.filename) == ["hi.txt"])
        #expect(content.attachments.first?.size == 3)
        #expect(content.text?.contains("begin 644") == false)
        #expect(content.text?.contains("Bye.") == true)
    }

    @Test func theSignatureOfASignedMessageIsNotAnAttachment() {
        let parsed = message("""
            Subject: signed
            Content-Type: multipart/signed; protocol="application/pgp-signature"; micalg=pgp-sha256; boundary=s

            --s
            Content-Type: text/plain

            Signed text.
            --s
            Content-Type: application/pgp-signature; name="signature.asc"

            -----BEGIN PGP SIGNATURE-----
            -----END PGP SIGNATURE-----
            --s--
            """)
        let content = parsed.content()
        #expect(content.text == "Signed text.")
        #expect(content.attachments.isEmpty)
    }

    @Test func aMessageThatIsAnEmbeddedMessageHasItAsItsOneAttachment() {
        let parsed = message("""
            Subject: outer
            Content-Type: message/rfc822

            Subject: inner
            Content-Type: multipart/digest; boundary=d

            --d

            Subject: m1

            m1 body
            --d--
            """)
        #expect(parsed.content().attachments.map(\.filename) == ["inner.eml"])
    }

    private func encode(_ text: String, charset: String) -> [UInt8]? {
        let encodings: [String: String.Encoding] = ["iso-8859-1": .isoLatin1, "iso-8859-2": .isoLatin2,
                                                    "windows-1251": .windowsCP1251, "windows-1252": .windowsCP1252]
        if let encoding = encodings[charset] { return text.data(using: encoding).map(Array.init) }
        // KOI8-R: Foundation on Linux has no encoder; the table of the Russian alphabet is short.
        guard charset == "koi8-r" else { return nil }
        let lower = "юабцдефгхийклмнопярстужвьызшэщчъ"
        let upper = lower.uppercased()
        var bytes: [UInt8] = []
        for character in text {
            if let ascii = character.asciiValue {
                bytes.append(ascii)
            } else if let offset = lower.firstIndex(of: character) {
                bytes.append(0xC0 + UInt8(lower.distance(from: lower.startIndex, to: offset)))
            } else if let offset = upper.firstIndex(of: character) {
                bytes.append(0xE0 + UInt8(upper.distance(from: upper.startIndex, to: offset)))
            } else {
                return nil
            }
        }
        return bytes
    }
}
