import Foundation
import Testing
import TriageImport

@Suite struct EmailInspectorTests {
    @Test func inspectsAnEMLFileAsJSON() throws {
        var emails: [InspectedEmail] = []
        try EmailInspector.inspect(EmailFixture.url("with-attachment.eml"), format: .auto) { emails.append($0) }
        let email = try #require(emails.first)
        #expect(email.subject == "Refund request")
        #expect(email.date == "2025-11-12T01:00:00Z")
        #expect(email.attachments == [InspectedEmail.Attachment(filename: "receipt.png", contentType: "image/png", size: 200)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try #require(String(data: try encoder.encode(email), encoding: .utf8))
        #expect(json.contains("\"content_type\":\"image\\/png\""))
        #expect(json.contains("\"message_id\":null"))
        #expect(json.contains("\"html_present\":false"))
        #expect(json.contains("\"in_reply_to\":null"))
    }

    @Test func detectsMboxAndStreamsEachMessage() throws {
        let url = try EmailFixture.url("sample.mbox")
        #expect(try EmailInspector.detect(url) == .mbox)
        var ids: [String?] = []
        var replies: [String?] = []
        try EmailInspector.inspect(url, format: .auto) {
            ids.append($0.messageID)
            replies.append($0.inReplyTo)
        }
        #expect(ids == ["mb1@example.it", "mb2@acme.example"])
        #expect(replies == [nil, "mb1@example.it"])
    }

    @Test func folderOfEMLFiles() throws {
        var count = 0
        try EmailInspector.inspect(EmailFixture.folder(), format: .auto) { _ in count += 1 }
        #expect(count == 6)
    }

    @Test func nonMailFormatIsRefused() throws {
        #expect(throws: ImportError.self) {
            try EmailInspector.inspect(EmailFixture.url("sample.mbox"), format: .csv) { _ in }
        }
    }
}
