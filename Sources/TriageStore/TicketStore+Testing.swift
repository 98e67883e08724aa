import GRDB

extension TicketStore {
    /// Marks every ticket's current content as triaged without a result (tests of change detection only).
    public func markTriagedForTesting() throws {
        try write("marking tickets triaged") { db in
            try db.execute(sql: "UPDATE tickets SET triaged_hash = content_hash")
        }
    }
}
