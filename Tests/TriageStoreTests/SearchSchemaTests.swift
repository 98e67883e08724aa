import Foundation
import GRDB
import Testing
import TriageModel
@testable import TriageStore

@Suite struct SearchSchemaTests {
    private func hashSize(_ store: TicketStore) throws -> Int? {
        try store.read("reading the search configuration") { db in
            try Int.fetchOne(db, sql: "SELECT v FROM ticket_search_config WHERE k = 'hashsize'")
        }
    }

    @Test func newStoresKeepATransactionsPendingIndexInMemory() throws {
        let store = try TicketStore.inMemory()
        #expect(try hashSize(store) == SearchSchema.pendingIndexBytes)
        #expect(TicketStore.schemaVersions.contains("v5-search-hashsize"))
    }

    @Test func anExistingStoreIsUpgradedAndKeepsItsTickets() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hashsize-\(UUID().uuidString).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        do {
            let queue = try DatabaseQueue(path: path)
            try StoreSchema.migrator.migrate(queue, upTo: "v4-batch-journal")
        }
        do {
            let store = try TicketStore(path: path)
            #expect(try store.upsert([sampleTicket()], runID: nil) == [.new])
        }
        let store = try TicketStore(path: path)
        #expect(try hashSize(store) == SearchSchema.pendingIndexBytes)
        #expect(try store.search("charged").map(\.ticket.externalID) == ["1001"])
    }

    /// One transaction with more pending index data than SQLite's default 1 MiB: every message of every ticket
    /// is found afterwards, and so after a second transaction that updates some of them.
    @Test func aLargeTransactionIndexesEveryMessage() throws {
        let store = try TicketStore.inMemory()
        let filler = String(repeating: "the parcel arrived late and the invoice was wrong again ", count: 12)
        func ticket(_ i: Int, extra: String = "") -> ImportedTicket {
            ImportedTicket(source: "zendesk", externalID: String(i), subject: "Order \(i)", messages: [
                ImportedMessage(externalID: "a\(i)", role: .customer, text: "first\(i) " + filler),
                ImportedMessage(externalID: "b\(i)", role: .agent, text: filler + " second\(i)" + extra),
            ])
        }
        let tickets = (1...3000).map { ticket($0) }
        #expect(try store.upsert(tickets, runID: nil).allSatisfy { $0 == .new })
        for i in [1, 1500, 3000] {
            #expect(try store.search("first\(i)").map(\.ticket.externalID) == [String(i)])
            #expect(try store.search("second\(i)").map(\.ticket.externalID) == [String(i)])
        }
        #expect(try store.upsert([ticket(1500, extra: " refunded"), ticket(3001)], runID: nil) == [.updated, .new])
        #expect(try store.search("refunded").map(\.ticket.externalID) == ["1500"])
        #expect(try store.search("second3001").map(\.ticket.externalID) == ["3001"])
        #expect(try store.search("second1500").map(\.ticket.externalID) == ["1500"])
    }
}
