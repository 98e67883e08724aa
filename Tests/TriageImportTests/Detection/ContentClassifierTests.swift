import Foundation
import Testing
@testable import TriageImport

@Suite struct ContentClassifierTests {
    static let mail = Array("From: Ana <ana@example.com>\r\nTo: help@acme.com\r\nSubject: Hi\r\n\r\nHello\r\n".utf8)

    @Test func mailIsTakenByContentWhateverItsExtension() {
        #expect(ContentClassifier.classify(head: Self.mail, fileName: "message.txt", requested: .eml) == .importable(.eml))
        #expect(ContentClassifier.classify(head: Self.mail, fileName: "1234", requested: .eml) == .importable(.eml))
        #expect(ContentClassifier.classify(head: Array(#"{"tickets": []}"#.utf8), fileName: "a.eml", requested: .eml)
                == .notUnderstood("not an e-mail message (no mail headers)"))
    }

    /// Newsgroup and old MTA headers sometimes continue a field on an unindented line.
    @Test func headersWithAnUnindentedContinuationAreStillMail() {
        let head = Array("Newsgroups: php.internals\nReturn-Path: <a@example.com>\nReceived: from unknown (HELO x)\nby localhost with SMTP; 19 Nov 2014 08:46:08 -0000\nweird line\nSubject: x\n\nbody\n".utf8)
        #expect(ContentClassifier.classify(head: head, fileName: "issue84", requested: .eml) == .importable(.eml))
    }

    @Test func imagesAndOfficeDocumentsAreNotUnderstood() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        let doc: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]
        guard case let .notUnderstood(why) = ContentClassifier.classify(head: png, fileName: "logo.png", requested: .auto) else {
            Issue.record("a PNG must not be importable"); return
        }
        #expect(why.contains("PNG"))
        guard case .notUnderstood = ContentClassifier.classify(head: doc, fileName: "letter.doc", requested: .eml) else {
            Issue.record("a .doc must not be importable"); return
        }
        #expect(ContentClassifier.classify(head: [], fileName: "empty.eml", requested: .eml) == .empty)
    }

    @Test func jsonFilesAreTicketsCompanionsOrNothing() {
        func kind(_ text: String) -> FileContentKind { ContentClassifier.classify(head: Array(text.utf8), fileName: "x.json", requested: .freshdeskJSON) }
        #expect(kind(#"[{"id": 1, "subject": "Hi", "status": 2, "fr_due_by": "x"}]"#) == .importable(nil))
        guard case .companion = kind(#"[{"id": 3, "body": "b", "body_text": "b", "incoming": false, "ticket_id": 1}]"#) else { Issue.record("conversations"); return }
        guard case .companion = kind(#"[{"available": true, "id": 1, "ticket_scope": 1, "contact": {"name": "Jo"}}]"#) else { Issue.record("agents"); return }
        guard case .notUnderstood = kind(#"{"settings": {"theme": "dark"}}"#) else { Issue.record("settings"); return }
        // Under a vendor's --from, another vendor's export or another kind of file in a folder is skipped with the reason.
        guard case let .notUnderstood(why) = ContentClassifier.classify(head: Array(#"[{"id": 1, "subject": "Hi", "requester_id": 2, "assignee_id": 3, "via": {"channel": "web"}}]"#.utf8), fileName: "z.json", requested: .freshdeskJSON),
              why.contains("--from zendesk-json") else { Issue.record("a Zendesk export under --from freshdesk-json"); return }
        guard case .notUnderstood = ContentClassifier.classify(head: Self.mail, fileName: "m.eml", requested: .freshdeskJSON) else { Issue.record("mail under a JSON format"); return }
        // A Jira project has an id, a key and a description, but it is no issue.
        guard case .notUnderstood = ContentClassifier.classify(head: Array(#"{"expand": "description", "self": "https://x/rest/api/3/project/10000", "id": "10000", "key": "EX", "description": "Example", "name": "Example", "projectTypeKey": "software"}"#.utf8), fileName: "project.json", requested: .jiraJSON) else {
            Issue.record("a project is not an issue"); return
        }
    }

    @Test func randomBytesAreNotDetectedAsAnything() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(throws: ImportError.self) { try FormatDetector.detect(head: bytes, fileName: "noise.csv") }
    }
}
