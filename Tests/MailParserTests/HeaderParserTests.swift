import Foundation
import MailParser
import Testing

@Suite struct HeaderParserTests {
    @Test func unfoldsAndDecodesSubjectWithCRLF() throws {
        let message = try Fixture.message("simple-crlf.eml")
        #expect(message.subject == "Rechnung doppelt abgebucht – bitte prüfen")
        #expect(message.headers["received"]?.contains("by mail.acme.example with ESMTP") == true)
        #expect(message.from.first?.name == "Anna Müller")
        #expect(message.messageID == "20251103091358.4F2A1@example.org")
        #expect(message.date == Date(timeIntervalSince1970: 1_762_157_638))
        #expect(message.defects.isEmpty)
    }

    @Test func rawEightBitHeadersReadAsWindows1252() throws {
        let message = try Fixture.message("raw-8bit-headers.eml")
        #expect(message.subject == "Problème de connexion")
        #expect(message.from.first?.name == "René François")
        #expect(message.content().text == "Je n'arrive pas à me connecter.\n")
    }

    @Test func envelopeLineAndSpaceBeforeColonAreTolerated() {
        let message = MailMessage(parsing: Array("From x@y Mon Nov  3 09:00:00 2025\nSubject : hi\nX-A: 1\n\nbody".utf8))
        #expect(message.subject == "hi")
        #expect(message.headers["x-a"] == "1")
        #expect(message.content().text == "body")
    }

    @Test func missingBlankLineStartsBodyAtFirstNonHeaderLine() {
        let message = MailMessage(parsing: Array("Subject: hi\nthis is the body\nsecond line\n".utf8))
        #expect(message.subject == "hi")
        #expect(message.content().text == "this is the body\nsecond line\n")
        #expect(message.defects.contains(.missingHeaderBodySeparator))
    }

    @Test func referencesAndInReplyTo() {
        let message = MailMessage(parsing: Array("""
            In-Reply-To: <b@x> (comment)
            References: <a@x>
             <b@x> <a@x>
            Message-ID: no-brackets@x

            """.utf8))
        #expect(message.inReplyTo == ["b@x"])
        #expect(message.references == ["a@x", "b@x"])
        #expect(message.messageID == "no-brackets@x")
    }
}
