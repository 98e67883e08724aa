import Foundation
import Testing

/// Exit codes and messages of imports that cannot yield tickets.
@Suite(.serialized) struct ImportShapesCommandTests {
    @Test func randomBytesAndForeignPayloadsExitWithADataError() async throws {
        let scratch = try Scratch()
        var generator = SystemRandomNumberGenerator()
        try Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: URL(fileURLWithPath: scratch.path("noise.csv")))
        let noise = try await scratch.runner.run(["import", "--db", "s.sqlite", "noise.csv"])
        #expect(noise.status == 65, "\(noise.stderr)")
        #expect(noise.stderr.contains("noise.csv"))
        try Data(#"[{"id": 1, "subject": "Hi", "status": 2, "priority": 1, "fr_due_by": "2015-08-19T16:39:11Z"}]"#.utf8)
            .write(to: URL(fileURLWithPath: scratch.path("fd.json")))
        let foreign = try await scratch.runner.run(["import", "--db", "s.sqlite", "--from", "zendesk-json", "fd.json"])
        #expect(foreign.status == 65 && foreign.stderr.contains("freshdesk-json"), "\(foreign.stderr)")
        try Data().write(to: URL(fileURLWithPath: scratch.path("empty.json")))
        let empty = try await scratch.runner.run(["import", "--db", "s.sqlite", "empty.json"])
        #expect(empty.status == 65 && empty.stderr.contains("empty"), "\(empty.stderr)")
    }

    @Test func aMailFolderSaysWhatItSkipped() async throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(atPath: scratch.path("mail"), withIntermediateDirectories: true)
        try Data("From: Ana <ana@example.com>\nTo: help@acme.com\nSubject: Printer\nMessage-ID: <p1@example.com>\n\nIt jams.\n".utf8)
            .write(to: URL(fileURLWithPath: scratch.path("mail/1.txt")))
        try Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 13]).write(to: URL(fileURLWithPath: scratch.path("mail/logo.png")))
        let result = try await scratch.runner.run(["import", "--db", "s.sqlite", "--from", "eml", "mail"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 new"))
        #expect(result.stderr.contains("logo.png") && result.stderr.contains("PNG"))
        #expect(result.stdout.contains("skipped 1 file(s): 1 not understood"))
    }
}
