import Foundation
import Testing
import TriageImport
import TriageModel

@Suite("GenericXMLImporter")
struct GenericXMLImporterTests {
    private func outcome() throws -> XMLTestSupport.Outcome {
        let mapping = try FieldMapping.load(from: XMLTestSupport.fixture("generic-mapping.yml"))
        return XMLTestSupport.read(GenericXMLImporter(), XMLTestSupport.fixture("generic.xml"),
                                   options: ImportOptions(mapping: mapping))
    }

    @Test("fields from elements, attributes and nested paths")
    func fields() throws {
        let result = try outcome()
        #expect(result.error == nil)
        #expect(result.tickets.map(\.externalID) == ["T-1", "T-3"])
        let ticket = result.tickets[0]
        #expect(ticket.source == ImportFormat.genericXML.defaultSource)
        #expect(ticket.subject == "Box arrived crushed")
        #expect(ticket.labelDepartment == "Shipping & Returns")
        #expect(ticket.requester == Participant(name: "Pat Doe", email: "pat@example.org"))
        #expect(ticket.tags == ["damaged", "mug"])
        #expect(ticket.labelPriority == "high")
        #expect(ticket.customFields["order_number"] == "A-77")
        #expect(ticket.createdAt == Date(timeIntervalSince1970: 1_578_232_800))
    }

    @Test("the body and the repeating message elements make the conversation")
    func messages() throws {
        let messages = try outcome().tickets[0].messages
        #expect(messages.map(\.text) == [
            "The box was crushed and the mug inside is broken.", "Sorry! A replacement is on its way.", "Thanks!",
        ])
        #expect(messages.map(\.role) == [.customer, .agent, .customer])
        #expect(messages[1].author?.email == "agent@acme.example")
        #expect(messages[1].sentAt == Date(timeIntervalSince1970: 1_578_236_400))
    }

    @Test("a record without an id is reported with its line and skipped")
    func missingID() throws {
        let diagnostics = try outcome().diagnostics
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.record == 2)
        #expect(diagnostics.first?.line == 18)
        #expect(diagnostics.first?.field == "@id")
    }

    @Test("without a mapping the importer says what is missing")
    func noMapping() {
        let result = XMLTestSupport.read(GenericXMLImporter(), XMLTestSupport.fixture("generic.xml"))
        guard case .badMapping? = result.error as? ImportError else {
            Issue.record("expected badMapping, got \(String(describing: result.error))")
            return
        }
    }

    @Test("with no records path every child of the document element is a record")
    func defaultRecordPath() throws {
        let url = try XMLTestSupport.write("<list><item n=\"1\">a</item><item n=\"2\">b</item><other n=\"3\"/></list>")
        let mapping = FieldMapping(fields: [.externalID: "@n", .subject: "text()"])
        let result = XMLTestSupport.read(GenericXMLImporter(), url, options: ImportOptions(mapping: mapping))
        #expect(result.tickets.map(\.externalID) == ["1", "2", "3"])
        #expect(result.tickets.map(\.subject) == ["a", "b", ""])
    }
}

@Suite("GenericXMLImporter record path")
struct GenericXMLRecordPathTests {
    @Test("a records path that matches nothing is reported, not silent")
    func wrongRecordPath() throws {
        let url = try XMLTestSupport.write("<export><tickets><ticket id=\"1\"/></tickets></export>")
        let mapping = FieldMapping(records: "export/ticket", fields: [.externalID: "@id"])
        let result = XMLTestSupport.read(GenericXMLImporter(), url, options: ImportOptions(mapping: mapping))
        #expect(result.tickets.isEmpty)
        #expect(result.diagnostics.contains { $0.severity == .warning && $0.message.contains("export/ticket") })
    }
}
