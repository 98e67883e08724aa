import Foundation
import Testing
import TriageModel
import TriageImport

@Suite struct FormatDetectorTests {
    @Test(arguments: [
        (#"{"tickets":[{"id":1,"requester_id":2,"via":{"channel":"web"}}]}"#, "x.json", ImportFormat.zendeskJSON),
        (#"{"results":[{"nice_id":1,"req_email":"a@b"}]}"#, "x.json", .zendeskJSON),
        (#"[{"id":1,"description_text":"x","conversations":[]}]"#, "x.json", .freshdeskJSON),
        (#"{"issues":[{"key":"SUP-1","fields":{"summary":"x"}}]}"#, "x.json", .jiraJSON),
        (#"{"ref":"1","title":"x"}"#, "x.jsonl", .genericJSON),
        ("<?xml version=\"1.0\"?>\n<!-- export -->\n<tickets type=\"array\"><ticket/></tickets>", "t.xml", .zendeskXML),
        ("<helpdesk-tickets><helpdesk-ticket/></helpdesk-tickets>", "t.xml", .freshdeskXML),
        ("<export><item/></export>", "t.xml", .genericXML),
        ("From MAILER-DAEMON Thu Nov 19 08:02:11 2026\nFrom: a@b\n", "box", .mbox),
        ("Received: from x\nFrom: Ana <a@b.c>\nSubject: Hi\nDate: Thu, 19 Nov 2026 08:02:11 +0000\n\nbody", "msg", .eml),
        ("Ticket ID,Subject,Status\n1,Hi,open\n", "export.txt", .csv),
    ])
    func detectsByContent(_ text: String, _ name: String, _ expected: ImportFormat) throws {
        #expect(try FormatDetector.detect(head: Array(text.utf8), fileName: name) == expected)
    }

    @Test func unknownContentSaysWhatToDo() {
        #expect { try FormatDetector.detect(head: Array("just some words".utf8), fileName: "notes") } throws: {
            "\($0)".contains("--from")
        }
    }

    @Test func missingFileIsUnreadable() {
        #expect(throws: ImportError.self) { try FormatDetector.detect(URL(fileURLWithPath: "/nonexistent/file.json")) }
    }
}
