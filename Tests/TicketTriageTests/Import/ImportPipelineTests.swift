import Foundation
import Logging
import Testing
import TriageImport
import TriageModel
import TriageStore
@testable import TicketTriage

@Suite struct ImportPipelineTests {
    static let mapping = FieldMapping(fields: [.externalID: "id", .subject: "subject", .body: "body", .department: "team"])

    /// A JSONL export of `count` tickets; `corrupt` lines (1-based) are broken JSON.
    static func writeExport(count: Int, corrupt: Set<Int> = [], changed: Int? = nil, to url: URL) throws {
        var text = ""
        text.reserveCapacity(count * 120)
        for i in 1...count {
            if corrupt.contains(i) {
                text += #"{"id": "\#(i)", "subject": "broken"# + "\n"
                continue
            }
            let body = i == changed ? "Changed text for ticket \(i)" : "Customer text for ticket \(i): the invoice is wrong"
            text += #"{"id": "\#(i)", "subject": "Ticket \#(i)", "body": "\#(body)", "team": "Billing"}"# + "\n"
        }
        try Data(text.utf8).write(to: url)
    }

    private func pipeline(_ store: TicketStore) -> ImportPipeline {
        var p = ImportPipeline(store: store, logger: Logger(label: "test"))
        p.batchSize = 500
        return p
    }

    private func options() -> ImportOptions { ImportOptions(source: "helpdesk", mapping: Self.mapping) }

    @Test func tenThousandTicketsWithOneCorruptLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("export.jsonl")
        try Self.writeExport(count: 10_000, corrupt: [5_000], to: file)
        let store = try TicketStore.inMemory()

        let first = pipeline(store).importFile(file, format: .genericJSON, options: options())
        #expect(first.error == nil)
        #expect(first.counts == ImportCounts(new: 9_999, updated: 0, unchanged: 0, failed: 1))
        #expect(first.diagnostics.count == 1)
        #expect(first.diagnostics.first?.line == 5_000)
        #expect(try store.statistics().tickets == 9_999)
        let run = try #require(try store.importRuns().first)
        #expect(run.status == .completedWithErrors)
        #expect(run.counts.failed == 1)
        #expect(try store.importDiagnostics(runID: run.id).first?.line == 5_000)

        // The same file again: nothing new, nothing updated.
        let second = pipeline(store).importFile(file, format: .genericJSON, options: options())
        #expect(second.counts == ImportCounts(new: 0, updated: 0, unchanged: 9_999, failed: 1))

        // One ticket's text changed: exactly that one is updated and waits for triage again.
        let result = TriageResult(department: "Billing", priority: .normal, sentiment: .neutral, language: "en", confidence: 0.9,
                                  summary: "Invoice question", backend: .local, model: "test", promptVersion: "1")
        for ticket in try store.pendingTickets(limit: 20_000) {
            try store.saveTriage(ticketID: ticket.id, contentHash: ticket.contentHash, result: result, calls: [], runID: nil, owner: nil)
        }
        #expect(try store.statistics().pendingTriage == 0)
        try Self.writeExport(count: 10_000, corrupt: [5_000], changed: 42, to: file)
        let third = pipeline(store).importFile(file, format: .genericJSON, options: options())
        #expect(third.counts == ImportCounts(new: 0, updated: 1, unchanged: 9_998, failed: 1))
        let pending = try store.tickets(matching: TicketFilter(pendingOnly: true))
        #expect(pending.map(\.externalID) == ["42"])
    }

    /// Every ticket is larger than a 1-byte budget: the queue must still admit one at a time and each transaction
    /// take one (no stall, no empty batch, nothing lost).
    @Test func aBudgetSmallerThanEveryTicketStillImportsEverything() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("export.jsonl")
        try Self.writeExport(count: 300, to: file)
        let store = try TicketStore.inMemory()
        var small = pipeline(store)
        small.byteBudget = 1
        let report = small.importFile(file, format: .genericJSON, options: options())
        #expect(report.counts == ImportCounts(new: 300, updated: 0, unchanged: 0, failed: 0))
        #expect(try store.statistics().tickets == 300)
        #expect(try store.search("invoice", limit: 1000).count == 300)  // every ticket indexed once
    }

    /// The re-import check on the reading thread (StoredRecordFilter) sees the store as last committed. A file
    /// that holds one ticket twice, first changed and then as stored, must end with the later line, exactly as
    /// if every record had gone through the writer: the second line may not be skipped as "unchanged".
    @Test func aTicketRepeatedInOneFileEndsWithItsLastLineDespiteTheReimportCheck() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("export.jsonl")
        try Self.writeExport(count: 600, to: file)
        let store = try TicketStore.inMemory()
        #expect(pipeline(store).importFile(file, format: .genericJSON, options: options()).counts.new == 600)

        // Ticket 7 changed, then ticket 7 as stored again, among unchanged tickets.
        var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
        let stored = lines[6]
        lines.insert(stored.replacingOccurrences(of: "the invoice is wrong", with: "the parcel never came"), at: 6)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        let again = pipeline(store).importFile(file, format: .genericJSON, options: options())
        #expect(again.error == nil)
        #expect(again.counts == ImportCounts(new: 0, updated: 2, unchanged: 599, failed: 0))
        #expect(try store.ticket(reference: "helpdesk:7").messages.first?.text == "Customer text for ticket 7: the invoice is wrong")
        #expect(try store.search("parcel").isEmpty)

        // The same file again: ticket 7 goes through both versions again (the file holds both); every other
        // ticket is skipped after its digest.
        let third = pipeline(store).importFile(file, format: .genericJSON, options: options())
        #expect(third.counts == ImportCounts(new: 0, updated: 2, unchanged: 599, failed: 0))
        #expect(try store.ticket(reference: "helpdesk:7").messages.first?.text == "Customer text for ticket 7: the invoice is wrong")
        #expect(try store.statistics().tickets == 600)
    }

    @Test func unknownFormatIsAFileLevelErrorAndStoresNothing() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("notes-\(UUID().uuidString)")
        try Data("just some words".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let store = try TicketStore.inMemory()
        let report = pipeline(store).importFile(file, format: .auto, options: ImportOptions())
        #expect(report.error?.contains("--from") == true)
        #expect(try store.statistics().tickets == 0)
    }

    @Test func foldersExpandWithoutCompanionFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("exp-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: folder) }
        for name in ["tickets.json", "users.json", "ticket_comments.jsonl", "mapping.yml", "README.md", "sub/more.csv"] {
            fm.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data("x".utf8))
        }
        let files = try ImportPipeline.expand([folder]).map(\.lastPathComponent)
        #expect(files == ["tickets.json", "more.csv"])
    }
}
