import MailParser
import Testing

@Suite struct MIMEParserTests {
    @Test func alternativeWithQuotedPrintableLatin1() throws {
        let message = try Fixture.message("alternative-latin1.eml")
        #expect(message.subject == "Commande abîmée")
        #expect(message.parts.count == 3)
        #expect(message.parts[0].contentType.value == "multipart/alternative")
        #expect(message.parts.map(\.path) == ["", "1", "2"])
        let content = message.content()
        #expect(content.text == "Café order #4411 arrived broken.\nThe müg is cracked = sad.\n")
        #expect(content.html?.contains("<b>#4411</b>") == true)
        #expect(content.attachments.isEmpty)
        #expect(message.defects.isEmpty && content.defects.isEmpty)
    }

    @Test func attachmentNamesFromRFC2231AndEncodedWords() throws {
        let message = try Fixture.message("attachments-2231.eml")
        let content = message.content(keepingAttachmentBytesUpTo: 1 << 20)
        #expect(content.text == "See the attached files.")
        #expect(content.attachments.map(\.filename) == ["Rechnung für November.pdf", "écran.png"])
        #expect(content.attachments.map(\.contentType) == ["application/pdf", "image/png"])
        let pdf = try #require(content.attachments.first?.data)
        #expect(pdf.count == 9 + 1024 + 7)
        #expect(Array(pdf.prefix(8)) == Array("%PDF-1.4".utf8))
        #expect(content.attachments[1].size == 8)
    }

    @Test func embeddedMessageIsParsedAndCountsAsAttachment() throws {
        let message = try Fixture.message("nested-rfc822.eml")
        let embedded = try #require(message.parts.first { $0.contentType.value == "message/rfc822" })
        let inner = try #require(embedded.children.first.map { message.parts[$0] })
        #expect(inner.headers.text("Subject") == "Password reset not arriving")
        #expect(inner.children.count == 2)
        let content = message.content()
        #expect(content.text == "Please handle the forwarded message below.\n")
        #expect(content.attachments.map(\.filename) == ["Password reset not arriving.eml"])
        #expect(content.attachments.first?.contentType == "message/rfc822")
    }

    @Test func japaneseISO2022JPMessage() throws {
        let message = try Fixture.message("iso2022jp.eml")
        #expect(message.subject == "請求書について")
        #expect(message.from.first?.name == "山田太郎")
        #expect(message.content().text == "お世話になっております。\n請求書の金額が違います。\n")
    }

    @Test func nestedBoundaryThatExtendsOuterBoundaryDoesNotSplitOuter() {
        let raw = """
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: multipart/alternative; boundary="b-2"

            --b-2
            Content-Type: text/plain

            inner text
            --b-2--
            --b
            Content-Type: text/plain; name=a.txt
            Content-Disposition: attachment

            file
            --b--
            """
        let message = MailMessage(parsing: Array(raw.utf8))
        #expect(message.parts.map(\.contentType.value) == ["multipart/mixed", "multipart/alternative", "text/plain", "text/plain"])
        let content = message.content()
        #expect(content.text == "inner text")
        #expect(content.attachments.map(\.filename) == ["a.txt"])
        #expect(message.defects.isEmpty)
    }

    @Test func digestChildrenDefaultToMessages() {
        let raw = "Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\nfirst\n--d\n\nSubject: two\n\nsecond\n--d--\n"
        let message = MailMessage(parsing: Array(raw.utf8))
        #expect(message.parts[1].contentType.value == "message/rfc822")
        #expect(message.content().attachments.map(\.filename) == ["one.eml", "two.eml"])
    }
}
