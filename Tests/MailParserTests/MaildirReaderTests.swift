import Foundation
import MailParser
import Testing

@Suite struct MaildirReaderTests {
    @Test func listsCurThenNewSortedAndSkipsTmpAndDotfiles() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("maildir-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for path in ["cur/200.b:2,S", "cur/100.a:2,RS", "new/300.c", "tmp/400.d", "cur/.hidden"] {
            try Data("Subject: \(path)\n\n".utf8).write(to: root.appendingPathComponent(path))
        }
        let files = try MaildirReader(url: root).messageFiles()
        #expect(files.map { $0.lastPathComponent } == ["100.a:2,RS", "200.b:2,S", "300.c"])
        #expect(MaildirReader.flags(ofFile: "100.a:2,RS") == "RS")
    }

    @Test func readsMaildirPlusPlusFoldersAndNestedMaildirs() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("maildir-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let paths = ["cur/1.root", ".Support/cur/2.support", ".Support.Billing/new/3.billing",
                     "Archive/2024/cur/4.nested", "Archive/2024/tmp/5.incomplete", "notes/readme/6.not-a-maildir"]
        for path in paths {
            let file = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("Subject: \(path)\n\n".utf8).write(to: file)
        }
        let messages = try MaildirReader(url: root).messages()
        #expect(messages.map { $0.url.lastPathComponent } == ["1.root", "4.nested", "2.support", "3.billing"])
        #expect(messages.map(\.folder) == ["", "Archive/2024", "Support", "Support/Billing"])
        // A folder that only holds Maildirs is read too.
        let holder = try MaildirReader(url: root.appendingPathComponent("Archive")).messages()
        #expect(holder.map(\.folder) == ["2024"])
        #expect(MaildirReader.containsMaildir(root.appendingPathComponent("notes")) == false)
    }

    @Test func notAMaildirThrows() {
        #expect(throws: MailFileError.self) {
            _ = try MaildirReader(url: FileManager.default.temporaryDirectory.appendingPathComponent("nope-\(UUID())")).messageFiles()
        }
    }
}
