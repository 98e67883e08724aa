import Foundation
import Testing
import TriageNetwork

@Suite("Mail message rendering")
struct OutgoingMailTests {
    let message = OutgoingMail(from: "Support digest <triage@example.com>", to: ["lead@example.com", "Ops <ops@example.com>"],
                              subject: "Digest 2026-03-29", text: "Plain body\n.leading dot", html: "<p>HTML body</p>",
                              date: Date(timeIntervalSince1970: 1_774_828_800), messageID: "fixed@example.com")

    @Test("headers, multipart/alternative with text first and HTML last, base64 parts")
    func structure() throws {
        let text = message.rendered(boundary: "BOUNDARY")
        let (head, body) = try split(text)
        #expect(head.contains("From: Support digest <triage@example.com>"))
        #expect(head.contains("To: lead@example.com, Ops <ops@example.com>"))
        #expect(head.contains("Subject: Digest 2026-03-29"))
        #expect(head.contains("Date: Mon, 30 Mar 2026 00:00:00 +0000"))
        #expect(head.contains("Message-ID: <fixed@example.com>"))
        #expect(head.contains("MIME-Version: 1.0"))
        #expect(head.contains("Content-Type: multipart/alternative; boundary=\"BOUNDARY\""))
        let parts = body.components(separatedBy: "--BOUNDARY")
        #expect(parts.count == 4) // preamble, text, html, "--" epilogue
        #expect(parts[1].contains("Content-Type: text/plain; charset=utf-8"))
        #expect(parts[2].contains("Content-Type: text/html; charset=utf-8"))
        #expect(parts[3].hasPrefix("--"))
        #expect(try decodedPart(parts[1]) == "Plain body\n.leading dot")
        #expect(try decodedPart(parts[2]) == "<p>HTML body</p>")
    }

    @Test("every line ends with CRLF and none is longer than 78 characters")
    func lineDiscipline() {
        var long = message
        long.text = String(repeating: "ü", count: 500)
        let text = long.rendered(boundary: "B")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
    }

    @Test("a subject with CR/LF cannot inject headers; non-ASCII subjects are RFC 2047 encoded")
    func headerSafety() throws {
        var hostile = message
        hostile.subject = "Hi\r\nBcc: everyone@example.com"
        let (head, _) = try split(hostile.rendered(boundary: "B"))
        #expect(!head.components(separatedBy: "\r\n").contains { $0.hasPrefix("Bcc:") })
        var accented = message
        accented.subject = "Übersicht für März – 29"
        let (encodedHead, _) = try split(accented.rendered(boundary: "B"))
        #expect(encodedHead.contains("Subject: =?UTF-8?B?"))
        let words = encodedHead.components(separatedBy: "=?UTF-8?B?").dropFirst().map { $0.components(separatedBy: "?=")[0] }
        let decoded = words.compactMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }.joined()
        #expect(decoded == "Übersicht für März – 29")
    }

    @Test("envelope addresses come from the angle brackets")
    func envelope() {
        #expect(message.envelopeFrom == "triage@example.com")
        #expect(message.envelopeRecipients == ["lead@example.com", "ops@example.com"])
    }

    @Test("without HTML the message is a single text/plain part")
    func textOnly() throws {
        var plain = message
        plain.html = nil
        let text = plain.rendered()
        #expect(!text.contains("multipart"))
        #expect(text.contains("Content-Type: text/plain; charset=utf-8"))
    }

    func split(_ text: String) throws -> (String, String) {
        let range = try #require(text.range(of: "\r\n\r\n"))
        return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
    }

    func decodedPart(_ part: String) throws -> String {
        let range = try #require(part.range(of: "\r\n\r\n"))
        let base64 = part[range.upperBound...].components(separatedBy: "\r\n").joined()
        let data = try #require(Data(base64Encoded: base64))
        return String(decoding: data, as: UTF8.self)
    }
}
