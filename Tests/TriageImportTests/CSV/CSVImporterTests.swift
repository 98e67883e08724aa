import Foundation
import Testing
import TriageModel
@testable import TriageImport

@Suite struct CSVRecordReaderTests {
    private func rows(_ bytes: [UInt8], chunk: Int = 5) throws -> [CSVRecordReader.Event] {
        let folder = try TemporaryFolder()
        let file = try folder.write("x.csv", bytes: bytes)
        var events: [CSVRecordReader.Event] = []
        try CSVRecordReader(maxRecordBytes: 1000).read(try ByteChunkReader(path: file.path, chunkSize: chunk)) { events.append($0) }
        return events
    }

    @Test func readsRFC4180QuotingCRLFAndBOM() throws {
        let text = "\u{FEFF}id,text,n\r\n1,\"multi\r\nline, with \"\"quotes\"\"\",3\r\n2,plain,\r\n"
        let events = try rows(Array(text.utf8))
        let parsed = events.compactMap { if case let .row(r) = $0 { r } else { nil } }
        #expect(parsed.map(\.fields) == [["id", "text", "n"], ["1", "multi\r\nline, with \"quotes\"", "3"], ["2", "plain", ""]])
        #expect(parsed.map(\.line) == [1, 2, 4])
    }

    @Test func unterminatedQuoteIsReportedWithItsLine() throws {
        let events = try rows(Array("a,b\n1,\"never closed\n2,x\n".utf8))
        guard case let .unterminated(line) = events.last else { Issue.record("expected unterminated, got \(events)"); return }
        #expect(line == 2)
    }
}

@Suite struct CSVImporterTests {
    static let mapping = FieldMapping(
        fields: [.externalID: "Ticket ID", .subject: "Subject", .body: "Description", .department: "Group",
                 .requesterEmail: "Requester Email", .tags: "Tags", .createdAt: "Created At", .priority: "Priority"],
        tagSeparator: ";")

    @Test func mapsColumnsToTickets() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("t.csv", """
            Ticket ID,Subject,Description,Group,Requester Email,Tags,Created At,Priority\r
            T-1,Refund please,"I paid twice,\r
            please help",Billing,ANA@example.com,billing;refund,2026-11-19T09:30:00+01:00,High\r
            T-2,No id below,text,Sales,,,,\r
            ,Missing id,text,Sales,,,,\r
            """)
        let result = try ImportResult(CSVImporter(), file, options: ImportOptions(mapping: Self.mapping))
        #expect(result.tickets.map(\.externalID) == ["T-1", "T-2"])
        let first = result.tickets[0]
        #expect(first.source == "csv")
        #expect(first.messages.first?.text == "I paid twice,\r\nplease help")
        #expect(first.labelDepartment == "Billing")
        #expect(first.labelPriority == "high")
        #expect(first.requester?.email == "ana@example.com")
        #expect(first.tags == ["billing", "refund"])
        #expect(first.createdAt?.timeIntervalSince1970 == 1_795_077_000)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.line == 5)
        #expect(result.errors.first?.field == "Ticket ID")
    }

    @Test func detectsSemicolonSeparatedFiles() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("t.csv", "Ticket ID;Subject\n1;Hello, world\n")
        let result = try ImportResult(CSVImporter(), file, options: ImportOptions(mapping: FieldMapping(fields: [.externalID: "Ticket ID", .subject: "Subject"])))
        #expect(result.tickets.map(\.subject) == ["Hello, world"])
    }

    @Test func missingIDColumnStopsTheFileWithAClearError() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("t.csv", "Number,Subject\n1,Hi\n")
        #expect { try ImportResult(CSVImporter(), file, options: ImportOptions(mapping: Self.mapping)) } throws: {
            "\($0)".contains("\"Ticket ID\" is not in the header")
        }
    }

    @Test func withoutAMappingTheUserIsToldWhatToPass() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("t.csv", "a,b\n1,2\n")
        #expect { try ImportResult(CSVImporter(), file) } throws: { "\($0)".contains("--mapping") }
    }
}
