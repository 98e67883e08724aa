import Foundation
import Testing
import TriageImport
import TriageModel

/// The shipped `SampleTickets/email` must import cleanly, decoded and labelled.
@Suite struct SampleTicketsTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SampleTickets/email")
    let options = ImportOptions(teamAddresses: ["@acme.example"])

    @Test func everyEMLSampleImportsDecodedAndLabelled() throws {
        let diagnostics = DiagnosticCollector()
        let records = try EmailFixture.records(EMLImporter(), Self.folder, options: options, diagnostics: diagnostics)
        #expect(records.count == 18)
        let departments = Set(Department.defaults.map(\.name))
        for record in records {
            let ticket = record.ticket
            #expect(departments.contains(ticket.labelDepartment ?? ""), "\(ticket.subject)")
            #expect(!ticket.subject.contains("=?"), "\(ticket.subject)")
            #expect(!ticket.subject.contains("\u{FFFD}"))
            let text = try #require(ticket.messages.first?.text)
            #expect(!text.isEmpty && !text.contains("\u{FFFD}"), "\(ticket.subject)")
            #expect(ticket.createdAt != nil)
        }
        #expect(diagnostics.count == 0, "\(diagnostics.diagnostics)")
        #expect(Set(records.compactMap(\.ticket.labelDepartment)) == departments)
    }

    @Test func charsetSamplesDecode() throws {
        let records = try EmailFixture.records(EMLImporter(), Self.folder, options: options)
        let subjects = records.map(\.ticket.subject)
        #expect(subjects.contains("請求金額の相違について"))
        #expect(subjects.contains("Фишинговое письмо"))
        #expect(subjects.contains("Impossible de me connecter à mon compte"))
        let texts = records.compactMap { $0.ticket.messages.first?.text }
        #expect(texts.contains { $0.contains("“dark mode”") })
        #expect(texts.contains { $0.contains("(Preis 249 €)") })
        #expect(texts.contains { $0.contains("アプリが起動直後にクラッシュします。") })
    }

    @Test func threadSamplesLinkUp() throws {
        let records = try EmailFixture.records(EMLImporter(), Self.folder, options: options)
        let byID = Dictionary(uniqueKeysWithValues: records.map { ($0.ticket.externalID, $0.ticket) })
        let reply = try #require(byID["reply-7781.tom@acme.example"])
        #expect(reply.messages.first?.role == .agent)
        #expect(reply.requester?.email == "anna.keller@example.org")
        #expect(reply.threadHints?.references == ["20251103091358.anna@example.org"])
        let followUp = try #require(byID["20251107164000.anna@example.org"])
        #expect(followUp.threadHints?.references.first == "reply-7781.tom@acme.example")
        #expect(followUp.messages.first?.trimmedText?.hasSuffix("from the payment provider?") == true)
    }

    @Test func mboxSampleImports() throws {
        let records = try EmailFixture.records(MboxImporter(), Self.folder.appendingPathComponent("support-inbox.mbox"), options: options)
        #expect(records.map(\.ticket.labelDepartment) == ["Product Feedback", "Product Feedback", "Account & Access"])
        #expect(records[0].ticket.messages.first?.text.contains("\nFrom what I can see") == true)
        #expect(records[1].ticket.messages.first?.role == .agent)
    }
}
