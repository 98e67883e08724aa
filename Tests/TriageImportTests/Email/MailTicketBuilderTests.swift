import Foundation
import MailParser
import Testing
import TriageImport
import TriageModel

@Suite struct MailTicketBuilderTests {
    let team = ImportOptions(teamAddresses: ["support@acme.example", "@acme.example"])

    @Test func agentReplyHasAgentRoleCustomerRequesterAndReferences() throws {
        let ticket = try EmailFixture.ticket("thread-2-agent.eml", options: team)
        let message = try #require(ticket.messages.first)
        #expect(message.role == .agent)
        #expect(ticket.requester?.email == "maria.rossi@example.it")
        #expect(ticket.threadHints?.references == ["t1.maria@example.it"])
        #expect(message.trimmedText == "Hi Maria,\n\nwe found the cause and deployed a fix. Could you try again?")
    }

    @Test func referencesAreNewestFirstWithoutDuplicates() throws {
        let ticket = try EmailFixture.ticket("thread-3-customer.eml", options: team)
        #expect(ticket.threadHints?.references == ["t2.tom@acme.example", "t1.maria@example.it"])
        #expect(ticket.messages.first?.trimmedText == "It works now, thank you!")
    }

    @Test func repliesShareTheSubjectKeyOfTheOriginal() throws {
        let keys = try ["thread-1-customer.eml", "thread-2-agent.eml"].map {
            try EmailFixture.ticket($0, options: team).threadHints?.subjectKey?.split(separator: "|").first
        }
        #expect(keys[0] == keys[1])
    }

    @Test func withoutTeamAddressesEveryoneIsACustomer() throws {
        let ticket = try EmailFixture.ticket("thread-2-agent.eml")
        #expect(ticket.messages.first?.role == .customer)
    }

    @Test func htmlOnlyMailGetsTextAndKeepsHTML() throws {
        let message = try #require(try EmailFixture.ticket("html-only.eml").messages.first)
        #expect(message.html?.contains("<b>7781</b>") == true)
        #expect(message.text.contains("7781"))
        #expect(message.text.contains("never arrived"))
        #expect(!message.text.contains("<b>"))
    }

    @Test func emptyPlainAlternativeFallsBackToHTML() {
        let raw = """
            Subject: x
            Content-Type: multipart/alternative; boundary=a

            --a
            Content-Type: text/plain

            \("")
            --a
            Content-Type: text/html

            <p>Refund please</p>
            --a--
            """
        let (ticket, _) = MailTicketBuilder(options: ImportOptions()).ticket(from: MailMessage(parsing: Array(raw.utf8)))
        #expect(ticket.messages.first?.text.contains("Refund please") == true)
        #expect(ticket.messages.first?.html == "<p>Refund please</p>")
    }

    @Test func attachmentsHaveNameTypeSizeHashAndBytesOnlyWhenAsked() throws {
        let plain = try #require(try EmailFixture.ticket("with-attachment.eml").messages.first)
        #expect(plain.text == "请退款。谢谢")
        let attachment = try #require(plain.attachments.first)
        #expect(attachment.filename == "receipt.png")
        #expect(attachment.contentType == "image/png")
        #expect(attachment.size == 200)
        #expect(attachment.contentHash?.count == 64)
        #expect(attachment.data == nil)

        let kept = try EmailFixture.ticket("with-attachment.eml", options: ImportOptions(keepAttachmentBytesUpTo: 1_000))
        #expect(kept.messages.first?.attachments.first?.data == Data(0..<200))
        let capped = try EmailFixture.ticket("with-attachment.eml", options: ImportOptions(keepAttachmentBytesUpTo: 100))
        #expect(capped.messages.first?.attachments.first?.data == nil)
    }

    @Test func missingMessageIDGetsStableDerivedID() throws {
        let first = try EmailFixture.ticket("with-attachment.eml")
        let second = try EmailFixture.ticket("with-attachment.eml")
        #expect(first.externalID.hasPrefix("h:"))
        #expect(first.externalID == second.externalID)
        #expect(first.messages.first?.externalID == first.externalID)
    }

    @Test func selfReferenceAndLoopsAreDropped() {
        let raw = "Message-ID: <a@x>\nIn-Reply-To: <a@x>\nReferences: <b@x> <a@x> <b@x>\nSubject: loop\n\nhi\n"
        let (ticket, _) = MailTicketBuilder(options: ImportOptions()).ticket(from: MailMessage(parsing: Array(raw.utf8)))
        #expect(ticket.threadHints?.references == ["b@x"])
    }

    @Test func unreadableDateIsADefect() {
        let raw = "Date: someday soon\nSubject: x\n\nhi\n"
        let (ticket, defects) = MailTicketBuilder(options: ImportOptions()).ticket(from: MailMessage(parsing: Array(raw.utf8)))
        #expect(ticket.createdAt == nil)
        #expect(defects.contains { $0.kind == .malformedDate })
    }
}
