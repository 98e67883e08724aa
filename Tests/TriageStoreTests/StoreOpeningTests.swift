import Foundation
import GRDB
import Testing
import TriageModel
@testable import TriageStore

@Suite struct StoreOpeningTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("open-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func aReadOnlyOpeningReadsAndCannotWrite() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.sqlite").path
        do {
            let store = try TicketStore(path: path)
            _ = try store.upsert([sampleTicket()], runID: nil)
        }
        let reader = try TicketStore(path: path, readOnly: true)
        #expect(reader.isReadOnly)
        #expect(try reader.tickets().map(\.externalID) == ["1001"])
        #expect(try reader.search(SearchQuery("charged")).count == 1)
        do {
            _ = try reader.upsert([sampleTicket(id: "1002")], runID: nil)
            Issue.record("a read-only store accepted a write")
        } catch let error as StoreError {
            guard case .readOnly = error else { Issue.record("expected readOnly, got \(error)"); return }
            #expect("\(error)".contains("reading commands"))
        }
    }

    @Test func aStoreAnotherProcessIsWritingIsBusyWhichMeansTryAgain() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.sqlite").path
        _ = try TicketStore(path: path).upsert([sampleTicket()], runID: nil)
        let store = try TicketStore(path: path, mode: .readWrite, busyTimeout: 0.05)
        // Another process (here: another connection) holds the write lock for the whole attempt.
        var unsafe = Configuration()
        unsafe.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: path, configuration: unsafe)
        try other.inDatabase { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        defer { try? other.inDatabase { db in try db.execute(sql: "ROLLBACK") } }
        do {
            _ = try store.upsert([sampleTicket(id: "1002")], runID: nil)
            Issue.record("a write went through while another connection held the write lock")
        } catch let error as StoreError {
            guard case .busy = error else { Issue.record("expected busy, got \(error)"); return }
            #expect(error.exitStatus == .temporary)
            #expect(error.userMessage.contains("another triage process is writing"))
        }
        // Nothing of the refused write is in the store, and the first ticket is intact.
        try other.inDatabase { db in try db.execute(sql: "ROLLBACK") }
        #expect(try TicketStore(path: path, readOnly: true).tickets().map(\.externalID) == ["1001"])
    }

    @Test func aMissingFileIsNotCreatedByAReadOnlyOpening() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("none.sqlite").path
        #expect(throws: StoreError.self) { try TicketStore(path: path, readOnly: true) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aDamagedStoreSaysDamagedAndHowToRecoverAndAForeignFileSaysNotAStore() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.sqlite").path
        do {
            let store = try TicketStore(path: path)
            _ = try store.upsert((1...200).map { sampleTicket(id: "t\($0)", text: String(repeating: "long text \($0) ", count: 60)) }, runID: nil)
        }
        // Keep SQLite's header, overwrite the pages behind it: what a bad disk or a cut copy leaves.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for i in stride(from: 100, to: bytes.count, by: 1) { bytes[i] = UInt8(truncatingIfNeeded: i &* 31) }
        try bytes.write(to: URL(fileURLWithPath: path))
        for readOnly in [true, false] {
            do {
                let store = try TicketStore(path: path, readOnly: readOnly)
                _ = try store.tickets()
                Issue.record("a damaged store opened and listed")
            } catch let error as StoreError {
                guard case .damaged = error else { Issue.record("expected damaged, got \(error)"); continue }
                #expect("\(error)".contains("integrity_check"))
                #expect("\(error)".contains(".recover"))
                #expect(!"\(error)".contains("not a TicketTriage store"))
            }
        }
        let foreign = dir.appendingPathComponent("notes.sqlite").path
        try Data("just some notes, not a database at all, long enough to be read".utf8).write(to: URL(fileURLWithPath: foreign))
        #expect {
            try TicketStore(path: foreign, readOnly: true)
        } throws: { error in
            guard case .notAStore? = error as? StoreError else { return false }
            return true
        }
    }
}
