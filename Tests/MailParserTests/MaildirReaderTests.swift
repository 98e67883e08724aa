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

    @Test func notAMaildirThrows() {
        #expect(throws: MailFileError.self) {
            _ = try MaildirReader(url: FileManager.default.temporaryDirectory.appendingPathComponent("nope-\(UUID())")).messageFiles()
        }
    }
}
