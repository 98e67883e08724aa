import Foundation
import Testing
import TriageImport
import TriageModel

@Suite struct EMLImporterTests {
    @Test func singleFileBecomesOneTicket() throws {
        let ticket = try EmailFixture.ticket("thread-1-customer.eml")
        #expect(ticket.source == "mail")
        #expect(ticket.externalID == "t1.maria@example.it")
        #expect(ticket.subject == "[#4821] Export to CSV fails with error 500")
        #expect(ticket.requester == Participant(name: "Maria Rossi", email: "maria.rossi@example.it"))
        #expect(ticket.labelDepartment == "Technical Support")
        #expect(ticket.labelPriority == "high")
        #expect(ticket.channel == "email")
        #expect(ticket.createdAt == ISO8601DateFormatter().date(from: "2025-11-10T07:30:00Z"))
        let message = try #require(ticket.messages.first)
        #expect(ticket.messages.count == 1)
        #expect(message.externalID == "t1.maria@example.it")
        #expect(message.role == .customer)
        #expect(message.text.contains("error 500"))
        #expect(message.trimmedText?.hasSuffix("after yesterday's update.") == true)
        #expect(ticket.threadHints?.references == [])
        #expect(ticket.threadHints?.subjectKey == "export to csv fails with error 500|maria.rossi@example.it,support@acme.example")
    }

    @Test func folderIsReadInPathOrder() throws {
        let diagnostics = DiagnosticCollector()
        let records = try EmailFixture.records(EMLImporter(), EmailFixture.folder(), diagnostics: diagnostics)
        #expect(records.count == 6)
        #expect(records.map(\.index) == Array(1...6))
        #expect(records.first?.ticket.subject == "Order 7781 never arrived")
        #expect(diagnostics.errorCount == 0)
    }

    @Test func sourceOptionWins() throws {
        let ticket = try EmailFixture.ticket("html-only.eml", options: ImportOptions(source: "mail:support@acme.example"))
        #expect(ticket.source == "mail:support@acme.example")
    }

    @Test func missingFileThrows() {
        #expect(throws: ImportError.self) {
            _ = try EmailFixture.records(EMLImporter(), URL(fileURLWithPath: "/nonexistent/\(UUID()).eml"))
        }
    }

    @Test func oversizedFileIsReadInPartWithWarning() throws {
        let diagnostics = DiagnosticCollector()
        let records = try EmailFixture.records(EMLImporter(), EmailFixture.url("with-attachment.eml"),
                                               options: ImportOptions(maxRecordBytes: 300), diagnostics: diagnostics)
        #expect(records.first?.ticket.subject == "Refund request")
        #expect(diagnostics.diagnostics.contains { $0.message.contains("larger than the limit") })
    }
}
