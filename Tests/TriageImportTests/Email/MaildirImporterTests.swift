import Foundation
import Testing
import TriageImport
import TriageModel

@Suite struct MaildirImporterTests {
    @Test func readsCurThenNewAndKeepsFlags() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("maildir-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(at: EmailFixture.url("thread-2-agent.eml"),
                                         to: root.appendingPathComponent("cur/1762765500.M1.host:2,RS"))
        try FileManager.default.copyItem(at: EmailFixture.url("thread-1-customer.eml"),
                                         to: root.appendingPathComponent("cur/1762759800.M1.host:2,S"))
        try FileManager.default.copyItem(at: EmailFixture.url("thread-3-customer.eml"),
                                         to: root.appendingPathComponent("new/1762768800.M1.host"))
        try FileManager.default.copyItem(at: EmailFixture.url("html-only.eml"), to: root.appendingPathComponent("tmp/x"))
        let records = try EmailFixture.records(MaildirImporter(), root)
        #expect(records.map(\.ticket.externalID) == ["t1.maria@example.it", "t2.tom@acme.example", "t3.maria@example.it"])
        #expect(records.map { $0.ticket.customFields["mail.maildir_flags"] } == ["S", "RS", nil])
    }

    @Test func folderWithoutCurOrNewThrows() throws {
        #expect(throws: ImportError.self) {
            _ = try EmailFixture.records(MaildirImporter(), EmailFixture.folder())
        }
    }
}
