import Foundation
import Testing
import TriageModel
@testable import TriageImport

/// Help Scout, Zammad, osTicket and Request Tracker payloads written from each vendor's API reference.
@Suite struct HelpScoutJSONImporterTests {
    static let conversation = """
        {"id": 10, "number": 12, "threads": 3, "type": "email", "folderId": 1234, "status": "active", "state": "published",
         "subject": "Refund for order 55", "mailboxId": 85, "createdAt": "2012-10-10T12:00:00Z", "userUpdatedAt": "2012-10-11T09:00:00Z",
         "source": {"type": "email", "via": "customer"}, "tags": [{"id": 9150, "color": "#929499", "tag": "refunds"}],
         "primaryCustomer": {"id": 238123, "first": "Mia", "last": "Lopez", "email": "mia@example.com", "type": "customer"},
         "assignee": {"id": 1, "first": "Ole", "last": "Agent", "email": "ole@acme.com", "type": "user"},
         "customFields": [{"id": 8, "name": "Department", "value": "9", "text": "Billing"}],
         "_embedded": {"threads": [
           {"id": 3, "type": "note", "status": "active", "body": "<p>Approved by finance.</p>", "createdAt": "2012-10-10T14:00:00Z",
            "createdBy": {"id": 1, "type": "user", "first": "Ole", "last": "Agent", "email": "ole@acme.com"}},
           {"id": 4, "type": "lineitem", "action": {"text": "Assigned to Ole"}, "createdAt": "2012-10-10T13:30:00Z"},
           {"id": 2, "type": "message", "status": "active", "body": "<p>We will refund you.</p>", "createdAt": "2012-10-10T13:00:00Z",
            "createdBy": {"id": 1, "type": "user", "first": "Ole", "last": "Agent", "email": "ole@acme.com"}},
           {"id": 1, "type": "customer", "status": "active", "body": "<p>Order 55 arrived broken.</p>", "createdAt": "2012-10-10T12:00:00Z",
            "createdBy": {"id": 238123, "type": "customer", "first": "Mia", "last": "Lopez", "email": "mia@example.com"}}]}}
        """

    @Test func aListPageOfConversationsWithThreads() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("conversations.json", """
            {"_embedded": {"conversations": [\(Self.conversation)]}, "page": {"size": 25, "totalElements": 1, "totalPages": 1, "number": 1}}
            """)
        let t = try #require(try ImportResult(HelpScoutJSONImporter(), file).tickets.first)
        #expect(t.externalID == "10" && t.subject == "Refund for order 55" && t.status == "active")
        #expect(t.requester == Participant(name: "Mia Lopez", email: "mia@example.com"))
        #expect(t.tags == ["refunds"] && t.labelDepartment == "Billing" && t.channel == "email")
        #expect(t.messages.map(\.externalID) == ["1", "2", "3"])
        #expect(t.messages.map(\.role) == [.customer, .agent, .agent])
        #expect(t.messages.map(\.isPublic) == [true, true, false])
        #expect(t.messages[0].text == "Order 55 arrived broken.")
    }

    @Test func oneConversationAndDetection() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("10.json", Self.conversation)
        #expect(try ImportResult(HelpScoutJSONImporter(), file).tickets.count == 1)
        #expect(try FormatDetector.detect(file) == .helpScoutJSON)
    }
}

@Suite struct ZammadJSONImporterTests {
    @Test func expandedTicketsWithArticlesBesideThem() throws {
        let folder = try TemporaryFolder()
        let tickets = try folder.write("tickets.json", """
            [{"id": 7, "group_id": 1, "priority_id": 2, "state_id": 2, "organization_id": null, "number": "31007",
              "title": "Printer out of toner", "owner_id": 3, "customer_id": 5, "note": null, "article_count": 2,
              "created_at": "2021-11-03T11:50:12.040Z", "updated_at": "2021-11-03T12:00:00.000Z",
              "group": "Users", "state": "open", "priority": "2 normal", "owner": "Chris Agent", "customer": "nicole.braun@zammad.org",
              "article_ids": [20, 21]}]
            """)
        try folder.write("articles.json", """
            [{"id": 20, "ticket_id": 7, "type_id": 5, "sender_id": 2, "from": "Nicole Braun <nicole.braun@zammad.org>",
              "subject": "Printer out of toner", "content_type": "text/html", "body": "<p>The printer is out of toner.</p>",
              "internal": false, "sender": "Customer", "type": "web", "created_at": "2021-11-03T11:50:12.056Z"},
             {"id": 21, "ticket_id": 7, "type_id": 10, "sender_id": 1, "from": "Chris Agent", "subject": null,
              "content_type": "text/plain", "body": "Ordered toner from the vendor.", "internal": true, "sender": "Agent",
              "type": "note", "created_at": "2021-11-03T12:00:00.000Z"}]
            """)
        let t = try #require(try ImportResult(ZammadJSONImporter(), tickets).tickets.first)
        #expect(t.externalID == "7" && t.subject == "Printer out of toner" && t.status == "open")
        #expect(t.labelDepartment == "Users" && t.labelPriority == "normal" && t.customFields["number"] == "31007")
        #expect(t.requester?.email == "nicole.braun@zammad.org")
        #expect(t.messages.map(\.externalID) == ["20", "21"])
        #expect(t.messages.map(\.role) == [.customer, .agent] && t.messages.map(\.isPublic) == [true, false])
        #expect(t.messages[0].text == "The printer is out of toner." && t.messages[0].author?.name == "Nicole Braun")
        #expect(try FormatDetector.detect(tickets) == .zammadJSON)
    }
}

@Suite struct OSTicketImporterTests {
    @Test func apiJSONWithADataURLMessageGetsAStableDerivedID() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("ticket.json", """
            {"alert": true, "autorespond": true, "source": "API", "name": "Angry User", "email": "api@osticket.com",
             "phone": "3185558634X123", "subject": "Testing API", "ip": "123.211.233.122",
             "message": "data:text/html,MESSAGE <b>HERE</b>", "topicId": "2",
             "attachments": [{"file.txt": "data:text/plain;charset=utf-8,content"}]}
            """)
        let first = try #require(try ImportResult(OSTicketJSONImporter(), file).tickets.first)
        let again = try #require(try ImportResult(OSTicketJSONImporter(), file).tickets.first)
        #expect(first.externalID.hasPrefix("sha256:") && first.externalID == again.externalID)
        #expect(first.subject == "Testing API" && first.requester == Participant(name: "Angry User", email: "api@osticket.com"))
        #expect(first.messages.first?.text == "MESSAGE HERE" && first.messages.first?.html == "MESSAGE <b>HERE</b>")
        #expect(first.customFields["topic_id"] == "2")
        #expect(try FormatDetector.detect(file) == .osTicketJSON)
    }

    @Test func apiXML() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("ticket.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <ticket alert="true" autorespond="true" source="API">
                <name>Angry User</name>
                <email>api@osticket.com</email>
                <subject>Testing API</subject>
                <phone>318-555-8634X123</phone>
                <message type="text/plain"><![CDATA[Message content here]]></message>
                <attachments>
                    <file name="file.txt" type="text/plain"><![CDATA[File content is here]]></file>
                </attachments>
                <ip>123.211.233.122</ip>
            </ticket>
            """)
        #expect(try FormatDetector.detect(file) == .osTicketXML)
        let t = try #require(try ImportResult(OSTicketXMLImporter(), file).tickets.first)
        #expect(t.subject == "Testing API" && t.requester?.email == "api@osticket.com")
        #expect(t.messages.map(\.text) == ["Message content here"] && t.externalID.hasPrefix("sha256:"))
    }
}

@Suite struct RTJSONImporterTests {
    @Test func rest2TicketAndSearchPage() throws {
        let folder = try TemporaryFolder()
        let ticket = """
            {"id": 20, "Type": "ticket", "Subject": "Mail server down", "Status": "open",
             "Queue": {"type": "queue", "id": "1", "Name": "General", "_url": "https://rt.example.com/REST/2.0/queue/1"},
             "Owner": {"type": "user", "id": "Nobody", "_url": "https://rt.example.com/REST/2.0/user/Nobody"},
             "Requestor": [{"type": "user", "id": "root@localhost", "_url": "https://rt.example.com/REST/2.0/user/root@localhost"}],
             "Created": "2018-05-09T14:42:19Z", "LastUpdated": "2018-05-09T15:00:00Z", "Priority": "0",
             "CustomFields": [{"id": "3", "name": "Severity", "values": ["High"]}],
             "EffectiveId": {"type": "ticket", "id": "20"}, "_hyperlinks": [{"ref": "self", "type": "ticket", "id": 20}]}
            """
        let file = try folder.write("20.json", ticket)
        #expect(try FormatDetector.detect(file) == .rtJSON)
        let one = try #require(try ImportResult(RTJSONImporter(), file).tickets.first)
        #expect(one.externalID == "20" && one.subject == "Mail server down" && one.labelDepartment == "General")
        #expect(one.requester?.email == "root@localhost" && one.assignee == nil && one.customFields["Severity"] == "High")
        let page = try folder.write("search.json", #"{"count": 1, "page": 1, "per_page": 20, "total": 1, "items": [\#(ticket)]}"#)
        #expect(try ImportResult(RTJSONImporter(), page).tickets.map(\.externalID) == ["20"])
        // A search without `fields=` holds references only: each is named, none becomes a ticket.
        let refs = try folder.write("refs.json", #"{"count": 1, "page": 1, "per_page": 20, "total": 1, "items": [{"type": "ticket", "id": "20", "_url": "https://rt/REST/2.0/ticket/20"}]}"#)
        let result = try ImportResult(RTJSONImporter(), refs)
        #expect(result.tickets.isEmpty && result.errors.first?.message.contains("fields=") == true)
    }
}
