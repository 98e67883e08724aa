import Foundation
import Testing
import TriageNetwork
import TriageTestSupport

@Suite("SMTP delivery through libcurl")
struct SMTPSenderTests {
    let message = OutgoingMail(from: "Digest <triage@example.com>", to: ["lead@example.com", "ops@example.com"],
                              subject: "Support digest 2026-03-29", text: "Text version\n.dot line", html: "<p>HTML version</p>")

    @Test("the loopback receiver gets envelope, credentials, headers and both alternatives")
    func delivers() async throws {
        let receiver = try LoopbackSMTPReceiver()
        defer { receiver.stop() }
        let sender = SMTPSender(server: "smtp://127.0.0.1:\(receiver.port)", username: "digest", password: "s3cret",
                                tls: .none, timeout: .seconds(10))
        try await sender.send(message)
        let mail = try #require(receiver.received.first)
        #expect(mail.sender == "triage@example.com")
        #expect(mail.recipients == ["lead@example.com", "ops@example.com"])
        #expect(mail.authenticatedUser == "digest")
        #expect(mail.authenticatedPassword == "s3cret")
        #expect(mail.data.contains("Subject: Support digest 2026-03-29\r\n"))
        #expect(mail.data.contains("Content-Type: multipart/alternative"))
        #expect(mail.data.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(mail.data.contains("Content-Type: text/html; charset=utf-8"))
        // What arrived is exactly what was rendered (libcurl's dot-stuffing undone by the receiver).
        let bodies = mail.data.components(separatedBy: "\r\n\r\n").compactMap { block -> String? in
            let joined = block.components(separatedBy: "\r\n").prefix { !$0.hasPrefix("--") }.joined()
            return Data(base64Encoded: joined).map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(bodies.contains("Text version\n.dot line"))
        #expect(bodies.contains("<p>HTML version</p>"))
    }

    @Test("STARTTLS required against a server without TLS fails instead of sending in clear")
    func refusesPlainWhenTLSRequired() throws {
        let receiver = try LoopbackSMTPReceiver()
        defer { receiver.stop() }
        let sender = SMTPSender(server: "smtp://127.0.0.1:\(receiver.port)", tls: .required, timeout: .seconds(10))
        #expect(throws: SMTPError.self) { try sender.sendBlocking(message) }
        #expect(receiver.received.isEmpty)
    }

    @Test("a closed port is reported as a transfer error naming the server")
    func connectionRefused() throws {
        let receiver = try LoopbackSMTPReceiver()
        let port = receiver.port
        receiver.stop()
        let sender = SMTPSender(server: "smtp://127.0.0.1:\(port)", tls: .none, timeout: .seconds(5))
        do {
            try sender.sendBlocking(message)
            Issue.record("sending to a closed port succeeded")
        } catch let error as SMTPError {
            #expect(error.description.contains("127.0.0.1:\(port)"))
        }
    }

    @Test("bad server URLs and missing recipients are refused before connecting", arguments: ["http://x", "mail.example.com", "smtp://"])
    func invalidServer(url: String) {
        #expect(throws: SMTPError.self) { try SMTPSender(server: url).sendBlocking(message) }
    }

    @Test("no recipient")
    func noRecipient() {
        var empty = message
        empty.to = []
        #expect(throws: SMTPError.self) { try SMTPSender(server: "smtp://127.0.0.1:1", tls: .none).sendBlocking(empty) }
    }
}
