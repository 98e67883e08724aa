import Foundation
import MailParser
import Testing

/// Malformed and hostile input: every case must return promptly with a best-effort reading and defects.
@Suite struct HostileInputTests {
    @Test func unterminatedMultipartKeepsLastPart() throws {
        let message = try Fixture.message("unterminated-multipart.eml")
        #expect(message.defects.contains(.unterminatedMultipart))
        let content = message.content()
        #expect(content.text == "first part")
        #expect(content.attachments.first?.size == 6)
    }

    @Test func multipartWithoutBoundaryIsReadAsText() throws {
        let message = try Fixture.message("missing-boundary.eml")
        #expect(message.defects.contains(.missingBoundary))
        #expect(message.content().text == "no delimiter lines at all here\njust text\n")
    }

    @Test func missingBoundaryParameterIsGuessedFromDelimiterLine() {
        let raw = "Content-Type: multipart/mixed\n\n--guess\nContent-Type: text/plain\n\nhello\n--guess--\n"
        let message = MailMessage(parsing: Array(raw.utf8))
        #expect(message.defects.contains(.missingBoundary))
        #expect(message.content().text == "hello")
    }

    @Test func invalidBase64DecodesWhatItCan() throws {
        let message = try Fixture.message("invalid-base64.eml")
        let content = message.content()
        #expect(content.text == "Hello world!Hi")
        #expect(content.defects.contains(.invalidBase64))
    }

    @Test func unknownCharsetFallsBackToUTF8() throws {
        let message = try Fixture.message("unknown-charset.eml")
        let content = message.content()
        #expect(content.text == "café text\n")
        #expect(content.defects.contains(.unknownCharset))
        #expect(message.subject == "qapla'")
    }

    @Test func tenThousandNestedMultipartsDoNotBlowTheStack() {
        var raw = "Subject: deep\n"
        let depth = 10_000
        for level in 0..<depth {
            raw += "Content-Type: multipart/mixed; boundary=\"b\(level)\"\n\n--b\(level)\n"
        }
        raw += "Content-Type: text/plain\n\ndeepest\n"
        let clock = ContinuousClock()
        let started = clock.now
        let message = MailMessage(parsing: Array(raw.utf8))
        #expect(clock.now - started < .seconds(10))
        #expect(message.subject == "deep")
        #expect(message.defects.contains(.nestingTooDeep))
        #expect(message.parts.count <= MailParseLimits.default.maxDepth + 1)
        _ = message.content()
    }

    @Test func tenThousandSiblingPartsAreCapped() {
        var raw = "Content-Type: multipart/mixed; boundary=s\n\n"
        for index in 0..<20_000 { raw += "--s\nContent-Type: application/x-a; name=f\(index)\n\nx\n" }
        raw += "--s--\n"
        let message = MailMessage(parsing: Array(raw.utf8))
        #expect(message.parts.count <= MailParseLimits.default.maxParts)
        #expect(message.defects.contains(.tooManyParts))
    }

    @Test func hundredMegabyteHeaderLineIsTruncated() {
        let bytes = Array("Subject: ".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 100 << 20)
            + Array("\nFrom: x@example.com\n\nbody\n".utf8)
        let clock = ContinuousClock()
        let started = clock.now
        let message = MailMessage(parsing: bytes)
        #expect(clock.now - started < .seconds(20))
        #expect(message.defects.contains(.headerTooLong))
        #expect((message.subject?.utf8.count ?? 0) <= MailParseLimits.default.maxFieldBytes)
        // The header block cap stops reading fields after 1 MiB, so From is lost, but the body is found.
        #expect(message.content().text == "body\n")
    }

    @Test func pathologicalEncodedWordsAndParametersStayFast() {
        let words = String(repeating: "=?utf-8?q?abc", count: 5_000)
        let parameters = (0..<5_000).map { "; p\($0)=v" }.joined()
        let raw = "Subject: \(words)\nContent-Type: text/plain\(parameters)\n\nbody\n"
        let clock = ContinuousClock()
        let started = clock.now
        let message = MailMessage(parsing: Array(raw.utf8))
        // No word is ever closed, so nothing is decoded.
        #expect(message.subject?.utf8.count == words.utf8.count)
        #expect(message.parts[0].contentType.parameters.count == 5_000)
        #expect(clock.now - started < .seconds(10))
    }

    @Test func manyHeaderFieldsAreCapped() {
        var raw = ""
        for index in 0..<5_000 { raw += "X-H\(index): v\n" }
        raw += "\nbody"
        let message = MailMessage(parsing: Array(raw.utf8))
        #expect(message.headers.fields.count == MailParseLimits.default.maxHeaderFields)
        #expect(message.defects.contains(.tooManyHeaders))
    }

    @Test(arguments: [
        "", "\n", "\r\n\r\n", ":", "Content-Type: multipart/mixed; boundary=\"\"\n\n--\n--\n",
        "Content-Type: message/rfc822\n\n", "Content-Type: multipart/mixed; boundary=a\n\n--a--\n",
        "Content-Type: ;;;===\n\n", "Subject: =?=?=?==?\n\n", "Content-Disposition: attachment; filename*0*=''%ZZ\n\n",
    ])
    func degenerateInputsDoNotCrash(raw: String) {
        let message = MailMessage(parsing: Array(raw.utf8))
        #expect(message.parts.count >= 1)
        _ = message.content()
        _ = message.subject
        _ = message.date
    }

    @Test func lfAndCRLFGiveTheSameTree() throws {
        let crlf = try Fixture.bytes("attachments-2231.eml")
        var lf: [UInt8] = []
        for byte in crlf where byte != 0x0D { lf.append(byte) }
        var withCR: [UInt8] = []
        for byte in lf {
            if byte == 0x0A { withCR.append(0x0D) }
            withCR.append(byte)
        }
        let first = MailMessage(parsing: lf).content()
        let second = MailMessage(parsing: withCR).content()
        #expect(first.attachments.map(\.size) == second.attachments.map(\.size))
        #expect(first.attachments.map(\.filename) == second.attachments.map(\.filename))
        #expect(first.text == second.text)
    }
}
