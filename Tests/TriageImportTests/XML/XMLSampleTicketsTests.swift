import Foundation
import Testing
import TriageImport
import TriageModel

/// The XML samples under `SampleTickets/xml` import cleanly and carry labels of the default taxonomy.
@Suite("SampleTickets/xml")
struct XMLSampleTicketsTests {
    private static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SampleTickets/xml")
    private static let departments = Set(Department.defaults.map(\.name))

    private func check(_ outcome: XMLTestSupport.Outcome, count: Int) throws {
        if let error = outcome.error { throw error }
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
        #expect(outcome.tickets.count == count)
        #expect(Set(outcome.tickets.compactMap(\.labelDepartment)) == Self.departments)
        #expect(outcome.tickets.allSatisfy { $0.labelDepartment != nil && !$0.messages.isEmpty && $0.createdAt != nil })
        #expect(outcome.tickets.allSatisfy { $0.messages.allSatisfy { !$0.text.isEmpty } })
    }

    @Test("Zendesk legacy export folder")
    func zendesk() throws {
        let outcome = XMLTestSupport.read(ZendeskXMLImporter(), Self.folder.appendingPathComponent("zendesk/tickets.xml"))
        try check(outcome, count: 25)
        #expect(outcome.tickets.allSatisfy { $0.requester?.email != nil })
        #expect(outcome.tickets.contains { $0.messages.contains { $0.role == .agent && !$0.isPublic } })
        #expect(outcome.tickets.contains { $0.messages.first?.text.contains("ignore all previous instructions") == true })
    }

    @Test("Freshdesk export")
    func freshdesk() throws {
        try check(XMLTestSupport.read(FreshdeskXMLImporter(), Self.folder.appendingPathComponent("freshdesk.xml")), count: 20)
    }

    @Test("generic export with its mapping")
    func generic() throws {
        let mapping = try FieldMapping.load(from: Self.folder.appendingPathComponent("generic/mapping.yml"))
        let outcome = XMLTestSupport.read(GenericXMLImporter(), Self.folder.appendingPathComponent("generic/tickets.xml"),
                                          options: ImportOptions(mapping: mapping))
        try check(outcome, count: 10)
        #expect(outcome.tickets.allSatisfy { $0.labelPriority != nil && $0.tags.contains("imported") })
    }
}
