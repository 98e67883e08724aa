import Foundation
import Testing
import TriageImport
import TriageModel

@Suite("FreshdeskXMLImporter")
struct FreshdeskXMLImporterTests {
    private func tickets() throws -> [ImportedTicket] {
        let outcome = XMLTestSupport.read(FreshdeskXMLImporter(), XMLTestSupport.fixture("freshdesk.xml"))
        if let error = outcome.error { throw error }
        #expect(outcome.diagnostics.isEmpty)
        return outcome.tickets
    }

    @Test("codes are named like Freshdesk's API; requester, group, tags and dates come through")
    func ticketFields() throws {
        let ticket = try #require(try tickets().first)
        #expect(ticket.source == ImportFormat.freshdeskXML.defaultSource)
        #expect(ticket.externalID == "5001")
        #expect(ticket.status == "pending")
        #expect(ticket.labelPriority == "urgent")
        #expect(ticket.channel == "chat")
        #expect(ticket.requester == Participant(name: "Ana Souza", email: "ana.souza@example.com.br"))
        #expect(ticket.assignee?.name == "Lee Support")
        #expect(ticket.labelDepartment == "Technical Support")
        #expect(ticket.tags == ["crash", "pdf"])
        #expect(ticket.customFields["ticket_type"] == "Incident")
        #expect(ticket.createdAt == Date(timeIntervalSince1970: 1_401_689_700))
    }

    @Test("description then notes: incoming notes are the customer's, private ones internal, HTML converted")
    func notes() throws {
        let messages = try #require(try tickets().first).messages
        try #require(messages.count == 4)
        #expect(messages[0].text == "The desktop app crashes when I export to PDF.")
        #expect(messages[0].html == "<div>The desktop app crashes when I export to <b>PDF</b>.</div>")
        #expect(messages[1].role == .agent)
        #expect(messages[1].externalID == "9001")
        #expect(messages[2].role == .customer)
        #expect(messages[2].text == "Version 4.2.1 on Windows 11")
        #expect(messages[3].isPublic == false)
    }

    @Test("nested requester element, closed status, outbound email, nil description")
    func secondTicket() throws {
        let ticket = try tickets()[1]
        #expect(ticket.status == "closed")
        #expect(ticket.labelPriority == "low")
        #expect(ticket.channel == "outbound_email")
        #expect(ticket.requester == Participant(name: "Ole Hansen", email: "ole@example.no"))
        #expect(ticket.messages.isEmpty)
    }

    @Test("status, priority and source tables", arguments: [
        (2, "open", "normal", "portal"), (4, "resolved", "high", "phone"), (1, "status-1", "low", "email"),
        (9, "status-9", nil, "feedback_widget"),
    ] as [(Int, String, String?, String)])
    func codes(code: Int, status: String, priority: String?, channel: String) throws {
        let xml = """
        <helpdesk-tickets><helpdesk-ticket><display-id>1</display-id><status>\(code)</status>
        <priority>\(code == 9 ? 0 : code == 4 ? 3 : code)</priority><source>\(code == 4 ? 3 : code)</source>
        </helpdesk-ticket></helpdesk-tickets>
        """
        let ticket = try #require(XMLTestSupport.read(FreshdeskXMLImporter(), try XMLTestSupport.write(xml)).tickets.first)
        #expect(ticket.status == status)
        #expect(ticket.labelPriority == priority)
        #expect(ticket.channel == channel)
    }
}
