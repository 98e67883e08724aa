import Foundation
import Testing
import TriageModel
@testable import TriageImport

/// Freshdesk shapes from the API v2 reference (View a Ticket, Filter/Search, List Conversations) and the v1
/// `helpdesk_ticket` objects; the client fixtures' folder of agents, conversations and tickets.
@Suite struct FreshdeskPayloadShapeTests {
    static let v2Ticket = """
        {"id": 20, "subject": "Support needed..", "description": "<div>Details about the issue...</div>",
         "description_text": "Details about the issue...", "status": 2, "priority": 1, "source": 2, "type": "Question",
         "requester_id": 129, "responder_id": null, "group_id": null, "fr_escalated": false, "spam": false,
         "to_emails": null, "tags": ["vpn"], "custom_fields": {"cf_department": "Network"},
         "created_at": "2015-08-18T16:39:11Z", "updated_at": "2015-08-18T16:39:11Z", "due_by": "2015-08-21T16:39:11Z",
         "fr_due_by": "2015-08-19T16:39:11Z", "is_escalated": false}
        """

    @Test func aSingleV2TicketIsOneTicket() throws {
        let folder = try TemporaryFolder()
        let t = try #require(try ImportResult(FreshdeskJSONImporter(), folder.write("20.json", Self.v2Ticket)).tickets.first)
        #expect(t.externalID == "20" && t.status == "open" && t.labelPriority == "low" && t.channel == "portal")
        #expect(t.labelDepartment == "Network")
    }

    @Test func searchResultsAreRead() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("search.json", #"{"total": 1, "results": [\#(Self.v2Ticket)]}"#)
        #expect(try ImportResult(FreshdeskJSONImporter(), file).tickets.map(\.externalID) == ["20"])
    }

    static let v1Ticket = """
        {"helpdesk_ticket": {"id": 8000123, "display_id": 42, "subject": "Printer offline", "description": "It is offline.",
          "description_html": "<div>It is offline.</div>", "status": 2, "priority": 3, "source": 1,
          "requester_id": 77, "requester_name": "Rachel Green", "status_name": "Open", "priority_name": "High",
          "created_at": "2014-01-07T10:00:00+05:30", "updated_at": "2014-01-07T11:00:00+05:30",
          "notes": [{"note": {"id": 501, "body": "Restarted the spooler.", "body_html": "<div>Restarted the spooler.</div>",
                               "user_id": 9, "private": true, "incoming": false, "created_at": "2014-01-07T10:30:00+05:30"}},
                    {"note": {"id": 502, "body": "Still offline.", "user_id": 77, "private": false, "incoming": true,
                               "created_at": "2014-01-07T10:45:00+05:30"}}]}}
        """

    @Test func v1ObjectsUseTheDisplayIDAndKeepTheirNotes() throws {
        let folder = try TemporaryFolder()
        for (name, text) in [("one.json", Self.v1Ticket), ("many.json", "[\(Self.v1Ticket)]")] {
            let t = try #require(try ImportResult(FreshdeskJSONImporter(), folder.write(name, text)).tickets.first, "\(name)")
            #expect(t.externalID == "42")
            #expect(t.requester?.name == "Rachel Green")
            #expect(t.labelPriority == "high")
            #expect(t.messages.map(\.externalID) == ["description", "501", "502"])
            #expect(t.messages.map(\.isPublic) == [true, false, true])
            #expect(t.messages.map(\.role) == [.customer, .agent, .customer])
            #expect(t.messages[0].text == "It is offline.")
        }
    }

    @Test func conversationsAndAgentsBesideTheTicketsAreAttachedNotTickets() throws {
        let folder = try TemporaryFolder()
        let tickets = try folder.write("tickets.json", """
            [{"id": 1, "subject": "Refund please", "description_text": "Order 7 arrived broken.", "status": 2, "priority": 2,
              "source": 1, "requester_id": 129, "created_at": "2015-08-18T16:39:11Z", "fr_due_by": "2015-08-19T16:39:11Z"}]
            """)
        try folder.write("conversations.json", """
            [{"id": 3, "body": "<div>We are on it.</div>", "body_text": "We are on it.", "incoming": false, "private": false,
              "user_id": 1001, "support_email": "support@acme.com", "ticket_id": 1, "from_email": "Acme Support <support@acme.com>",
              "created_at": "2015-08-18T17:00:00Z"},
             {"id": 4, "body": "<div>Thanks!</div>", "body_text": "Thanks!", "incoming": true, "private": false,
              "user_id": 129, "ticket_id": 1, "from_email": "Rachel <Rachel@Example.com>", "created_at": "2015-08-18T18:00:00Z"}]
            """)
        let agents = try folder.write("agents.json", """
            [{"available": true, "occasional": false, "id": 1001, "signature": null, "ticket_scope": 1,
              "contact": {"active": true, "email": "jo@acme.com", "name": "Jo Agent", "job_title": null}}]
            """)
        let t = try #require(try ImportResult(FreshdeskJSONImporter(), tickets).tickets.first)
        #expect(t.subject == "Refund please" && t.status == "open")
        #expect(t.messages.map(\.externalID) == ["description", "3", "4"])
        #expect(t.messages.map(\.role) == [.customer, .agent, .customer])
        #expect(t.messages[1].author == Participant(name: "Acme Support", email: "support@acme.com"))
        #expect(t.messages[2].author == Participant(name: "Rachel", email: "rachel@example.com"))
        // Side-loads and conversations on their own are refused, never "(no subject)" tickets.
        for file in [agents, folder.url.appendingPathComponent("conversations.json")] {
            #expect(throws: ImportError.self) { try ImportResult(FreshdeskJSONImporter(), file) }
        }
    }

    @Test func nonTicketRecordsInATicketListAreErrorsNotTickets() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("mixed.json", """
            [\(Self.v2Ticket), {"id": 5, "name": "Some Company", "domains": ["x.com"]}]
            """)
        let result = try ImportResult(FreshdeskJSONImporter(), file)
        #expect(result.tickets.map(\.externalID) == ["20"])
        #expect(result.errors.count == 1 && result.errors[0].message.contains("not a Freshdesk ticket"))
    }
}
