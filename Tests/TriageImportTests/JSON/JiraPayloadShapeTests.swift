import Foundation
import Testing
import TriageModel
@testable import TriageImport

/// Jira Cloud REST v3 (Get issue, Get comments) and JSM (Get customer request, paged `values`) shapes.
@Suite struct JiraPayloadShapeTests {
    static let issue = """
        {"expand": "renderedFields", "id": "10002", "key": "ED-1", "self": "https://acme.atlassian.net/rest/api/3/issue/10002",
         "fields": {"summary": "Login page broken", "status": {"name": "In Progress"}, "priority": {"name": "High"},
           "reporter": {"displayName": "Mia Krystof", "emailAddress": "mia@example.com", "accountType": "customer"},
           "created": "2024-03-01T09:00:00.000+0000", "components": [{"name": "Web"}],
           "description": {"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text", "text": "The page is blank."}]}]},
           "comment": {"startAt": 0, "maxResults": 2, "total": 2, "comments": [
             {"id": "10000", "self": "https://acme.atlassian.net/rest/api/3/issue/10002/comment/10000",
              "author": {"displayName": "Dev One", "accountType": "atlassian"}, "created": "2024-03-01T10:00:00.000+0000",
              "body": {"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Admins only: stack trace attached."}]}]},
              "visibility": {"type": "role", "value": "Administrators", "identifier": "Administrators"}},
             {"id": "10001", "author": {"displayName": "Dev One", "accountType": "atlassian"}, "created": "2024-03-01T11:00:00.000+0000",
              "body": "Fixed in 2.3.", "visibility": {"type": "group", "value": "jira-developers"}}]}}}
        """

    @Test func aSingleIssueWithRestrictedCommentsIsOneTicketWithInternalNotes() throws {
        let folder = try TemporaryFolder()
        let t = try #require(try ImportResult(JiraJSONImporter(), folder.write("ED-1.json", Self.issue)).tickets.first)
        #expect(t.externalID == "ED-1" && t.subject == "Login page broken" && t.labelDepartment == "Web")
        #expect(t.messages.map(\.externalID) == ["description", "10000", "10001"])
        #expect(t.messages.map(\.isPublic) == [true, false, false])
    }

    @Test func commentPagesBesideTheIssueAreAttachedByTheirIssueID() throws {
        let folder = try TemporaryFolder()
        let issue = try folder.write("issue.json", #"{"id": "10010", "key": "SUP-5", "self": "https://x/rest/api/3/issue/10010", "fields": {"summary": "Slow"}}"#)
        let comments = try folder.write("comments.json", """
            {"startAt": 0, "maxResults": 1048576, "total": 1, "comments": [
              {"id": "20000", "self": "https://x/rest/api/3/issue/10010/comment/20000", "author": {"displayName": "Agent"},
               "body": "Looking into it.", "created": "2024-03-02T10:00:00.000+0000", "jsdPublic": true}]}
            """)
        let t = try #require(try ImportResult(JiraJSONImporter(), issue).tickets.first)
        #expect(t.messages.map(\.externalID) == ["20000"])
        #expect(throws: ImportError.self) { try ImportResult(JiraJSONImporter(), comments) }
    }

    static let request = """
        {"issueId": "107001", "issueKey": "HELPDESK-1", "requestTypeId": "25", "serviceDeskId": "10",
         "createdDate": {"iso8601": "2015-10-08T14:42:00+0700", "epochMillis": 1444290120000},
         "reporter": {"accountId": "qm:a713c8ea", "emailAddress": "fred@example.com", "displayName": "Fred F. User"},
         "requestFieldValues": [{"fieldId": "summary", "label": "What do you need?", "value": "Request JSD help via REST"},
                                {"fieldId": "description", "label": "Why do you need this?", "value": "I need a new *mouse* for my Mac"}],
         "currentStatus": {"status": "Waiting for Support", "statusDate": {"iso8601": "2015-10-08T14:01:00+0700"}}}
        """

    @Test func jsmRequestsAloneAndPagedAreTickets() throws {
        let folder = try TemporaryFolder()
        let one = try #require(try ImportResult(JiraJSONImporter(), folder.write("request.json", Self.request)).tickets.first)
        #expect(one.externalID == "HELPDESK-1" && one.subject == "Request JSD help via REST")
        #expect(one.status == "waiting for support" && one.requester?.email == "fred@example.com")
        #expect(one.messages.first?.text == "I need a new *mouse* for my Mac")
        let paged = try folder.write("requests.json", #"{"size": 1, "start": 0, "limit": 50, "isLastPage": true, "values": [\#(Self.request)]}"#)
        #expect(try ImportResult(JiraJSONImporter(), paged).tickets.map(\.externalID) == ["HELPDESK-1"])
    }

    @Test func jsmCommentPagesBesideTheRequestAreAttachedWithTheirVisibility() throws {
        let folder = try TemporaryFolder()
        let request = try folder.write("request.json", Self.request)
        let comments = try folder.write("request-comments.json", """
            {"size": 2, "start": 0, "limit": 50, "isLastPage": true, "values": [
              {"id": "1000", "body": "Hello there", "public": true, "author": {"displayName": "Fred F. User", "emailAddress": "fred@example.com"},
               "created": {"iso8601": "2015-10-09T10:22:00+0700"}, "_links": {"self": "https://x/rest/servicedeskapi/request/107001/comment/1000"}},
              {"id": "1001", "body": "Internal: check stock", "public": false, "author": {"displayName": "Agent"},
               "created": {"iso8601": "2015-10-09T11:00:00+0700"}, "_links": {"self": "https://x/rest/servicedeskapi/request/107001/comment/1001"}}]}
            """)
        let t = try #require(try ImportResult(JiraJSONImporter(), request).tickets.first)
        #expect(t.messages.map(\.externalID) == ["description", "1000", "1001"])
        #expect(t.messages.map(\.isPublic) == [true, true, false])
        #expect(t.messages.map(\.role) == [.customer, .customer, .agent])
        #expect(throws: ImportError.self) { try ImportResult(JiraJSONImporter(), comments) }
    }
}
