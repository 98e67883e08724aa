import Foundation
import Testing
import TriageModel
@testable import TriageImport

/// Zendesk payload shapes from the Ticketing API reference: Show Ticket, ticket objects, Ticket Audits, the
/// legacy export rows; and files that are not Zendesk tickets.
@Suite struct ZendeskPayloadShapeTests {
    static let ticketObject = """
        {"id": 35436, "subject": "Help, my printer is on fire!", "raw_subject": "Help, my printer is on fire!",
         "description": "The fire is very colorful.", "status": "open", "priority": "high", "type": "incident",
         "requester_id": 20978392, "submitter_id": 76872, "assignee_id": 235323, "group_id": 98738,
         "tags": ["enterprise", "other_tag"], "via": {"channel": "web"},
         "created_at": "2009-07-20T22:55:29Z", "updated_at": "2011-05-05T10:38:52Z"}
        """

    @Test func showTicketResponseIsOneTicket() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("ticket.json", #"{"ticket": \#(Self.ticketObject)}"#)
        let result = try ImportResult(ZendeskJSONImporter(), file)
        #expect(result.tickets.map(\.externalID) == ["35436"])
        #expect(result.tickets[0].subject == "Help, my printer is on fire!")
        #expect(result.tickets[0].status == "open" && result.tickets[0].labelPriority == "high")
        #expect(result.tickets[0].messages.map(\.text) == ["The fire is very colorful."])
    }

    @Test func bareTicketObjectIsOneTicket() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("35436.json", Self.ticketObject)
        let result = try ImportResult(ZendeskJSONImporter(), file)
        #expect(result.tickets.map(\.externalID) == ["35436"])
        #expect(result.tickets[0].channel == "web")
    }

    @Test func auditsRebuildTheTicketAndItsConversation() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("audits.json", """
            {"audits": [
              {"id": 1, "ticket_id": 666, "author_id": 10, "created_at": "2011-09-25T22:35:44Z", "via": {"channel": "email"},
               "events": [
                 {"id": 11, "type": "Create", "field_name": "subject", "value": "Printer jam"},
                 {"id": 12, "type": "Create", "field_name": "status", "value": "new"},
                 {"id": 13, "type": "Create", "field_name": "priority", "value": "urgent"},
                 {"id": 14, "type": "Create", "field_name": "requester_id", "value": "10"},
                 {"id": 15, "type": "Comment", "author_id": 10, "body": "The printer jams on page 2.", "public": true}]},
              {"id": 2, "ticket_id": 666, "author_id": 20, "created_at": "2011-09-25T23:00:00Z",
               "events": [
                 {"id": 21, "type": "Comment", "author_id": 20, "body": "Checked the logs: firmware 1.2.", "public": false},
                 {"id": 22, "type": "Change", "field_name": "status", "value": "open", "previous_value": "new"}]},
              {"id": 3, "ticket_id": 666, "author_id": 20, "created_at": "2011-09-26T08:00:00Z",
               "events": [{"id": 31, "type": "Comment", "author_id": 20, "body": "Please update the firmware.", "public": true}]}
            ], "next_page": null, "count": 3}
            """)
        let result = try ImportResult(ZendeskJSONImporter(), file)
        #expect(result.tickets.count == 1)
        let t = try #require(result.tickets.first)
        #expect(t.externalID == "666" && t.subject == "Printer jam" && t.status == "open" && t.labelPriority == "urgent")
        #expect(t.messages.map(\.externalID) == ["15", "21", "31"])
        #expect(t.messages.map(\.role) == [.customer, .agent, .agent])
        #expect(t.messages.map(\.isPublic) == [true, false, true])
        #expect(t.channel == "email")
    }

    @Test func commentAuthorsWithoutSideLoadedUsersAreToldByRequesterAndVisibility() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("tickets.json", """
            {"tickets": [{"id": 7, "subject": "VPN drops", "requester_id": 100, "assignee_id": 200, "status": "open",
              "comments": [
                {"id": 1, "author_id": 100, "body": "VPN drops every hour.", "public": true, "created_at": "2024-01-01T10:00:00Z"},
                {"id": 2, "author_id": 200, "body": "Can you send the client log?", "public": true, "created_at": "2024-01-01T11:00:00Z"},
                {"id": 3, "author_id": 300, "body": "Known issue with 4.2.", "public": false, "created_at": "2024-01-01T12:00:00Z"}]}]}
            """)
        let t = try #require(try ImportResult(ZendeskJSONImporter(), file).tickets.first)
        #expect(t.messages.map(\.role) == [.customer, .agent, .agent])
        #expect(t.messages.map(\.isPublic) == [true, true, false])
    }

    @Test func sideLoadsBesideTheExportAreFoundByContentWhateverTheirName() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("page-1.json", #"{"tickets": [{"id": 9, "subject": "Hi", "requester_id": 1, "group_id": 4, "status": "open", "comments": [{"id": 1, "author_id": 2, "body": "Hello", "public": true}]}]}"#)
        try folder.write("people.json", #"[{"id": 1, "name": "Ana", "email": "ana@example.com", "role": "end-user"}, {"id": 2, "name": "Bo", "email": "bo@acme.com", "role": "agent"}]"#)
        try folder.write("teams.json", #"{"groups": [{"id": 4, "name": "Billing", "description": "Money", "default": false}]}"#)
        let t = try #require(try ImportResult(ZendeskJSONImporter(), file).tickets.first)
        #expect(t.requester?.name == "Ana" && t.labelDepartment == "Billing")
        #expect(t.messages.first?.author?.name == "Bo" && t.messages.first?.role == .agent)
    }

    @Test func legacyExportRowsKeepRequesterOrganizationViaTagsAndDropPlaceholders() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("export.json", """
            {"results": [{"nice_id": 12, "subject": "Refund", "description": "Please refund order 9.", "status": "Solved",
              "req_name": "Ana Lima", "req_email": "Ana@Example.com", "organization_name": "Example Ltd", "via": "Mail",
              "current_tags": "billing refund", "group_name": "-", "priority": "-", "ticket_type": "-",
              "created_at": "2012/09/06 12:18:55 -0800", "field_360": "-"}]}
            """)
        let t = try #require(try ImportResult(ZendeskJSONImporter(), file).tickets.first)
        #expect(t.externalID == "12")
        #expect(t.requester == Participant(name: "Ana Lima", email: "ana@example.com"))
        #expect(t.organization == "Example Ltd" && t.channel == "mail" && t.tags == ["billing", "refund"])
        #expect(t.labelDepartment == nil && t.labelPriority == nil && t.customFields.isEmpty)
    }

    @Test func freshdeskJiraEmptyBinaryAndBrokenFilesAreRefusedNotZero() throws {
        let folder = try TemporaryFolder()
        let freshdesk = try folder.write("fd.json", """
            [{"id": 1, "subject": "Hi", "status": 2, "priority": 1, "requester_id": 5, "source": 2, "fr_due_by": "2015-08-18T16:39:11Z"}]
            """)
        let jira = try folder.write("jira.json", #"{"id": "10002", "key": "ED-1", "self": "https://x/rest/api/3/issue/10002", "fields": {"summary": "Bug"}}"#)
        let empty = try folder.write("empty.json", "")
        let binary = try folder.write("image.json", bytes: [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 13, 0x49, 0x48])
        for (file, words) in [(freshdesk, "Freshdesk"), (jira, "Jira"), (empty, "empty"), (binary, "not JSON")] {
            #expect(throws: ImportError.self) { try ImportResult(ZendeskJSONImporter(), file) }
            do {
                _ = try ImportResult(ZendeskJSONImporter(), file)
            } catch {
                #expect("\(error)".contains(words), "\(file.lastPathComponent): \(error)")
                #expect("\(error)".contains(file.lastPathComponent))
            }
        }
    }

    @Test func aTrailingCommaIsAnErrorEvenWhereTheParserIsLenient() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("trailing.json", "{\"tickets\": [\n{\"id\": 1, \"subject\": \"a, b\", \"status\": \"open\", \"tags\": [\"x\"]},\n]}")
        let result = try ImportResult(ZendeskJSONImporter(), file)
        #expect(result.tickets.map(\.externalID) == ["1"])
        #expect(result.errors.count == 1 && result.errors[0].line == 3 && result.errors[0].message.contains("not valid JSON"), "\(result.errors)")
        let single = try folder.write("single.json", "{\"ticket\": {\"id\": 1, \"subject\": \"a\",\n}}")
        #expect(throws: ImportError.malformed(file: single.path, line: 2, reason: "a comma before `]` or `}` is not valid JSON; fix or re-export the file")) {
            try ImportResult(ZendeskJSONImporter(), single)
        }
    }

    @Test func aCommentsFileAloneIsRefusedAsMessagesNotTickets() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("ticket_comments.jsonl", """
            {"id": 1, "ticket_id": 7, "author_id": 2, "body": "Hello", "public": true}
            {"id": 2, "ticket_id": 7, "author_id": 3, "body": "Hi", "public": true}
            """)
        do {
            _ = try ImportResult(ZendeskJSONImporter(), file)
            Issue.record("expected a refusal")
        } catch let error as ImportError {
            #expect("\(error)".contains("messages of tickets"))
        }
    }

    @Test func numericStatusAndPriorityInAZendeskListAreAVendorMismatch() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("tickets.json", #"{"tickets": [{"id": 1, "subject": "Hi", "status": 2, "priority": 1}]}"#)
        #expect(throws: ImportError.self) { try ImportResult(ZendeskJSONImporter(), file) }
    }

    @Test func aTruncatedFileIsReportedOnce() throws {
        let folder = try TemporaryFolder()
        var text = #"{"tickets": ["#
        for i in 1...3 { text += #"{"id": \#(i), "subject": "s\#(i)", "status": "open", "padding": "\#(String(repeating: "x", count: 400_000))"},"# }
        text += #"{"id": 4, "subj"#
        let file = try folder.write("cut.json", text)
        let result = try ImportResult(ZendeskJSONImporter(), file)
        #expect(result.tickets.count == 3)
        #expect(result.errors.count == 1, "\(result.errors)")
    }
}
