import Foundation
import Testing
import TriageImport
import TriageModel

@Suite struct MboxImporterTests {
    @Test func readsMessagesInOrderWithLinesAndUnquoting() throws {
        let records = try EmailFixture.records(MboxImporter(), EmailFixture.url("sample.mbox"),
                                               options: ImportOptions(teamAddresses: ["@acme.example"]))
        #expect(records.map(\.ticket.externalID) == ["mb1@example.it", "mb2@acme.example"])
        #expect(records.map(\.line) == [1, 11])
        #expect(records[0].ticket.messages.first?.text.contains("\nFrom my records it is missing.") == true)
        #expect(records[1].ticket.messages.first?.role == .agent)
        #expect(records[1].ticket.threadHints?.references == ["mb1@example.it"])
    }

    @Test func generatedLargeMboxStreams() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID()).mbox")
        defer { try? FileManager.default.removeItem(at: url) }
        var text = ""
        for index in 1...500 {
            text += "From sender\(index)@example.com Mon Nov 10 08:30:00 2025\nFrom: sender\(index)@example.com\nSubject: message \(index)\nMessage-ID: <g\(index)@example.com>\n\n"
            text += String(repeating: "body line \(index)\n", count: 40) + "\n"
        }
        try Data(text.utf8).write(to: url)
        var count = 0
        var lastIndex = 0
        try MboxImporter().read(url, options: ImportOptions(), diagnostics: DiagnosticCollector()) { record in
            count += 1
            lastIndex = record.index
            #expect(record.ticket.externalID == "g\(record.index)@example.com")
        }
        #expect(count == 500)
        #expect(lastIndex == 500)
    }

    @Test func emitCanStopReading() throws {
        struct Stop: Error {}
        var seen = 0
        #expect(throws: Stop.self) {
            try MboxImporter().read(try EmailFixture.url("sample.mbox"), options: ImportOptions(),
                                    diagnostics: DiagnosticCollector()) { _ in
                seen += 1
                throw Stop()
            }
        }
        #expect(seen == 1)
    }
}
