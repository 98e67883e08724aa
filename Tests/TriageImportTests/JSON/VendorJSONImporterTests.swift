import Foundation
import Testing
import TriageModel
@testable import TriageImport

@Suite struct ZendeskJSONImporterTests {
    static let page = """
        {"tickets": [
          {"id": 101, "subject": "Cannot log in", "description": "My 2FA codes fail.", "status": "open", "priority": "high",
           "requester_id": 1, "assignee_id": 2, "group_id": 10, "organization_id": 5, "tags": ["2fa"],
           "via": {"channel": "email"}, "custom_fields": [{"id": 360, "value": "Pro"}, {"id": 361, "value": null}],
           "created_at": "2026-11-18T09:14:03Z", "updated_at": "2026-11-18T10:00:00Z"},
          {"subject": "no id"},
          {"id": 102, "subject": "Hello", "description": "Just saying hi", "status": "new", "created_at": "not a date"}
        ],
        "users": [{"id": 1, "name": "Ana", "email": "ana@example.com", "role": "end-user"},
                  {"id": 2, "name": "Bo", "email": "bo@acme.com", "role": "agent"}],
        "groups": [{"id": 10, "name": "Account & Access"}],
        "organizations": [{"id": 5, "name": "Example GmbH"}],
        "end_of_stream": true}
        """

    @Test func readsAPageWithSideLoadsAndCompanionComments() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("tickets.json", Self.page)
        try folder.write("ticket_comments.jsonl", """
            {"id": 9002, "ticket_id": 101, "author_id": 2, "body": "Resetting now.", "public": true, "created_at": "2026-11-18T09:30:00Z"}
            {"id": 9001, "ticket_id": 101, "author_id": 1, "body": "My 2FA codes fail.", "public": true, "created_at": "2026-11-18T09:14:03Z"}
            {"id": 9003, "ticket_id": 101, "author_id": 2, "body": "Checked logs.", "public": false, "created_at": "2026-11-18T09:20:00Z"}
            """)
        let result = try ImportResult(ZendeskJSONImporter(), file)
        #expect(result.tickets.map(\.externalID) == ["101", "102"])
        let t = result.tickets[0]
        #expect(t.source == "zendesk")
        #expect(t.labelDepartment == "Account & Access")
        #expect(t.labelPriority == "high")
        #expect(t.requester == Participant(name: "Ana", email: "ana@example.com"))
        #expect(t.assignee?.email == "bo@acme.com")
        #expect(t.organization == "Example GmbH")
        #expect(t.channel == "email")
        #expect(t.customFields == ["field_360": "Pro"])
        // Comments replace the description (which the first comment repeats), oldest first.
        #expect(t.messages.map(\.externalID) == ["9001", "9003", "9002"])
        #expect(t.messages.map(\.role) == [.customer, .agent, .agent])
        #expect(t.messages.map(\.isPublic) == [true, false, true])
        // Ticket without comments: the description is its message.
        #expect(result.tickets[1].messages.map(\.text) == ["Just saying hi"])
        // The record without an id is skipped and named; the bad date is a warning.
        #expect(result.errors.count == 1)
        #expect(result.errors[0].record == 2 && result.errors[0].line == 6 && result.errors[0].field == "id")
        #expect(result.diagnostics.contains { $0.severity == .warning && $0.field == "created_at" && $0.record == 3 })
    }

    /// Found by the benchmark: `JSONSerialization` returns 1 and 0 as NSNumbers that also cast to `Bool`, and
    /// ticket 1 was stored as "true".
    @Test func numericIDsOneAndZeroStayNumbersAndBooleansStayBooleans() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("tickets.jsonl", """
            {"id": 1, "subject": "One", "description": "first", "custom_fields": [{"id": 7, "value": true}, {"id": 8, "value": 0}]}
            {"id": 0, "subject": "Zero", "description": "zeroth", "custom_fields": [{"id": 7, "value": false}, {"id": 8, "value": 1}]}
            """)
        let result = try ImportResult(ZendeskJSONImporter(), file)
        #expect(result.tickets.map(\.externalID) == ["1", "0"])
        #expect(result.tickets.map(\.customFields) == [["field_7": "true", "field_8": "0"], ["field_7": "false", "field_8": "1"]])
    }

    @Test func readsTheLegacyFlatExport() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("legacy.json", """
            {"results": [{"nice_id": 30501, "subject": "Refund", "description": "Unused seats", "status": "Solved",
              "priority": "Urgent", "req_name": "Kim", "req_email": "Kim@Example.org", "group_name": "Billing",
              "current_tags": "refund seats", "via": "Web form", "created_at": "2026-11-18 12:18:55 -0800",
              "field_4711": "enterprise"}], "count": 1}
            """)
        let t = try #require(try ImportResult(ZendeskJSONImporter(), file).tickets.first)
        #expect(t.externalID == "30501")
        #expect(t.labelDepartment == "Billing")
        #expect(t.labelPriority == "urgent")
        #expect(t.status == "solved")
        #expect(t.tags == ["refund", "seats"])
        #expect(t.requester?.email == "kim@example.org")
        #expect(t.customFields["field_4711"] == "enterprise")
        #expect(t.createdAt?.timeIntervalSince1970 == 1_795_033_135)
    }
}

@Suite struct FreshdeskJSONImporterTests {
    @Test func mapsCodesConversationsAndTheDepartmentField() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("fd.json", """
            [{"id": 7001, "subject": "Sofa arrived damaged", "description": "<p>The <b>leg</b> is broken</p>",
              "description_text": "The leg is broken", "status": 3, "priority": 4, "source": 7,
              "requester": {"name": "Lea", "email": "lea@example.fr"}, "tags": ["damage"],
              "custom_fields": {"cf_department": "Shipping & Returns", "cf_plan": null, "cf_order": "A-1"},
              "created_at": "2026-11-19T08:02:11Z",
              "conversations": [
                {"id": 1, "body": "<p>Sorry!</p>", "body_text": "Sorry!", "incoming": false, "private": false, "created_at": "2026-11-19T09:00:00Z"},
                {"id": 2, "body": "<p>note</p>", "incoming": false, "private": true, "created_at": "2026-11-19T09:05:00Z"},
                {"id": 3, "body_text": "Thanks", "incoming": true, "private": false, "created_at": "2026-11-19T10:00:00Z"}]}]
            """)
        let t = try #require(try ImportResult(FreshdeskJSONImporter(), file).tickets.first)
        #expect(t.status == "pending")
        #expect(t.labelPriority == "urgent")
        #expect(t.channel == "chat")
        #expect(t.labelDepartment == "Shipping & Returns")
        #expect(t.customFields["cf_order"] == "A-1")
        #expect(t.messages.map(\.role) == [.customer, .agent, .agent, .customer])
        #expect(t.messages.map(\.isPublic) == [true, true, false, true])
        #expect(t.messages[0].text == "The leg is broken")
        #expect(t.messages[0].html == "<p>The <b>leg</b> is broken</p>")
    }
}

@Suite struct JiraJSONImporterTests {
    @Test func turnsADFIntoTextAndReadsComments() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("jira.json", """
            {"issues": [{"id": "10042", "key": "SUP-42", "fields": {
              "summary": "Hub offline", "status": {"name": "Waiting for customer"}, "priority": {"name": "Highest"},
              "reporter": {"displayName": "Jo", "emailAddress": "jo@example.com", "accountType": "customer"},
              "labels": ["hub"], "components": [{"name": "Technical Support"}],
              "created": "2026-11-19T10:22:31.000+0000",
              "description": {"type": "doc", "version": 1, "content": [
                {"type": "paragraph", "content": [{"type": "text", "text": "Since the update "},
                  {"type": "text", "text": "nothing", "marks": [{"type": "strong"}]}, {"type": "hardBreak"},
                  {"type": "mention", "attrs": {"text": "@Support"}}]},
                {"type": "bulletList", "content": [
                  {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "LED red"}]}]},
                  {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "No wifi"}]}]}]}]},
              "comment": {"comments": [
                {"id": "1", "author": {"displayName": "Agent", "accountType": "atlassian"}, "jsdPublic": false,
                 "body": {"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text", "text": "internal"}]}]},
                 "created": "2026-11-19T11:00:00.000+0000"}]}}}]}
            """)
        let t = try #require(try ImportResult(JiraJSONImporter(), file).tickets.first)
        #expect(t.externalID == "SUP-42")
        #expect(t.labelDepartment == "Technical Support")
        #expect(t.labelPriority == "urgent")
        #expect(t.status == "waiting for customer")
        #expect(t.messages[0].text == "Since the update nothing\n@Support\n\n- LED red\n- No wifi")
        #expect(t.messages[1].role == .agent && !t.messages[1].isPublic)
    }
}

@Suite struct GenericJSONImporterTests {
    static let mapping = FieldMapping(
        records: "data.items",
        fields: [.externalID: "ref", .subject: "title", .requesterEmail: "customer.email", .department: "queue",
                 .createdAt: "opened", .tags: "labels"],
        messages: .init(path: "thread", fields: [.externalID: "id", .body: "text", .role: "who", .createdAt: "at"]),
        customFields: ["plan": "customer.plan"], agentRoleValues: ["staff"])

    @Test func followsTheMappingIntoNestedRecords() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("g.json", """
            {"data": {"items": [
              {"ref": "HD-1", "title": "Printer", "queue": "Technical Support", "opened": 1795075331,
               "customer": {"email": "x@y.z", "plan": "Gold"}, "labels": ["hw"],
               "thread": [{"id": "m1", "text": "It jams", "who": "customer", "at": 1795075331000},
                          {"id": "m2", "text": "Try this", "who": "STAFF"}]}]}}
            """)
        let t = try #require(try ImportResult(GenericJSONImporter(), file, options: ImportOptions(mapping: Self.mapping)).tickets.first)
        #expect(t.externalID == "HD-1")
        #expect(t.source == "json")
        #expect(t.labelDepartment == "Technical Support")
        #expect(t.customFields == ["plan": "Gold"])
        #expect(t.messages.map(\.role) == [.customer, .agent])
        #expect(t.messages[0].sentAt?.timeIntervalSince1970 == 1_795_075_331)
        #expect(t.createdAt?.timeIntervalSince1970 == 1_795_075_331)
    }

    @Test func jsonLinesWithACorruptLineReportsThatLine() throws {
        let folder = try TemporaryFolder()
        var lines = (1...50).map { #"{"ref": "\#($0)", "title": "t\#($0)"}"# }
        lines[24] = #"{"ref": "25", "title": "broken"#
        let file = try folder.write("g.jsonl", lines.joined(separator: "\n") + "\n")
        let result = try ImportResult(GenericJSONImporter(), file, options: ImportOptions(mapping: FieldMapping(fields: [.externalID: "ref", .subject: "title"])))
        #expect(result.tickets.count == 49)
        #expect(result.errors.count == 1)
        #expect(result.errors[0].line == 25)
        #expect(result.errors[0].description.contains("g.jsonl:25"))
    }

    @Test func invalidUTF8InARecordIsContained() throws {
        let folder = try TemporaryFolder()
        var bytes = Array(#"{"ref": "1", "title": "ok"}"#.utf8) + [10]
        bytes += Array(#"{"ref": "2", "title": "bad "#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8) + [10]
        bytes += Array(#"{"ref": "3", "title": "ok"}"#.utf8) + [10]
        let file = try folder.write("g.jsonl", bytes: bytes)
        let result = try ImportResult(GenericJSONImporter(), file, options: ImportOptions(mapping: FieldMapping(fields: [.externalID: "ref", .subject: "title"])))
        #expect(result.tickets.map(\.externalID).contains("1"))
        #expect(result.tickets.map(\.externalID).contains("3"))
        // Record 2 is either rejected with a diagnostic on line 2 or read with the bad bytes replaced — never lost silently.
        #expect(result.tickets.count + result.errors.count == 3)
    }
}
