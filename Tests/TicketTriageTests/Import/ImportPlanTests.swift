import Foundation
import Logging
import Testing
import TriageImport
import TriageStore
@testable import TicketTriage

/// Folder imports classify files by content; a file that yields no ticket is a failure, never a silent zero.
@Suite struct ImportPlanTests {
    static let mail = "From: Ana <ana@example.com>\nTo: help@acme.com\nSubject: Printer\nDate: Mon, 7 Dec 2026 10:00:00 +0000\nMessage-ID: <a1@example.com>\n\nIt jams.\n"

    func folder(_ files: [String: [UInt8]]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString)")
        for (name, bytes) in files {
            let file = url.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: file)
        }
        return url
    }

    @Test func mailFoldersTakeMessagesByContentAndSaySkippedFilesWhy() throws {
        let url = try folder([
            "a.eml": Array(Self.mail.utf8), "notes/reply.txt": Array(Self.mail.utf8), "logo.png": [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 13],
            "letter.doc": [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "data.json": Array(#"{"tickets": []}"#.utf8),
            "empty.eml": [],
        ])
        defer { try? FileManager.default.removeItem(at: url) }
        let plan = try ImportPlan.make([url], format: .eml)
        #expect(plan.files.map(\.lastPathComponent).sorted() == ["a.eml", "empty.eml", "reply.txt"])
        #expect(plan.skipped.map { ($0.file as NSString).lastPathComponent }.sorted() == ["data.json", "letter.doc", "logo.png"])
        #expect(plan.notUnderstoodCount == 3)
        #expect(plan.skipped.first { $0.file.hasSuffix("logo.png") }?.reason.contains("PNG") == true)
    }

    @Test func helpDeskFoldersLeaveCompanionsToTheirExport() throws {
        let url = try folder([
            "tickets.json": Array(#"[{"id": 1, "subject": "Hi", "description_text": "x", "status": 2, "fr_due_by": "2015-08-19T16:39:11Z"}]"#.utf8),
            "conversations.json": Array(#"[{"id": 3, "body": "<p>b</p>", "body_text": "b", "incoming": false, "ticket_id": 1}]"#.utf8),
            "agents.json": Array(#"[{"available": true, "id": 1, "ticket_scope": 1, "contact": {"name": "Jo", "email": "jo@acme.com"}}]"#.utf8),
        ])
        defer { try? FileManager.default.removeItem(at: url) }
        let plan = try ImportPlan.make([url], format: .freshdeskJSON)
        #expect(plan.files.map(\.lastPathComponent) == ["tickets.json"])
        #expect(plan.companionCount == 2 && plan.notUnderstoodCount == 0)
    }

    @Test func emptyFilesAndFilesWithoutTicketsFailAsInputErrors() throws {
        let url = try folder(["empty.eml": [], "nothing.json": Array(#"{"tickets": []}"#.utf8)])
        defer { try? FileManager.default.removeItem(at: url) }
        let store = try TicketStore.inMemory()
        let pipeline = ImportPipeline(store: store, logger: Logger(label: "test"))
        let empty = pipeline.importFile(url.appendingPathComponent("empty.eml"), format: .eml, options: ImportOptions())
        #expect(empty.error?.contains("empty") == true && empty.inputError == true)
        let nothing = pipeline.importFile(url.appendingPathComponent("nothing.json"), format: .zendeskJSON, options: ImportOptions())
        #expect(nothing.error?.contains("no ticket") == true && nothing.inputError == true)
        #expect(try store.statistics().tickets == 0)
    }
}

/// The shared public mail corpora (`../shared/corpora/email`, absent in a user's clone: then skipped): every
/// message is taken by content whatever its name, and the expected-output files beside them are not.
@Suite struct ImportPlanCorpusTests {
    static let corpora = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../../shared/corpora/email").standardized

    @Test func everyCorpusMessageIsTakenAndNothingElse() throws {
        let zbateson = Self.corpora.appendingPathComponent("zbateson/tests/_data/emails")
        let php = Self.corpora.appendingPathComponent("php-mime-mail-parser/tests/mails")
        guard FileManager.default.fileExists(atPath: zbateson.path), FileManager.default.fileExists(atPath: php.path) else {
            print("skipped: \(Self.corpora.path) is absent (the shared corpora are not part of the repository)")
            return
        }
        let messages = try FileManager.default.contentsOfDirectory(atPath: zbateson.path).filter { $0.hasSuffix(".txt") }
        let plan = try ImportPlan.make([zbateson], format: .eml)
        #expect(Set(plan.files.filter { $0.deletingLastPathComponent().lastPathComponent == "emails" }.map(\.lastPathComponent)) == Set(messages))
        #expect(!plan.files.contains { $0.lastPathComponent.hasSuffix(".png") || $0.lastPathComponent.hasSuffix(".doc") || $0.lastPathComponent.hasSuffix(".jpg") })
        let phpMessages = try FileManager.default.contentsOfDirectory(atPath: php.path).filter { !$0.hasPrefix(".") }
        let phpPlan = try ImportPlan.make([php], format: .eml)
        #expect(phpPlan.files.count == phpMessages.count, "\(phpPlan.skipped)")
    }
}
