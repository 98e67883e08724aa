import GRDB

/// Schema step "v3-routed-facts": the rule-visible facts of the content version rules last ran on.
///
/// `changed` conditions compare a ticket's new version with the one rules last saw; without this column the store
/// forgets the old facts as soon as a re-import overwrites them.
enum RoutedFactsSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            -- JSON written by routing with routed_hash (TicketTriage's RoutedFacts); NULL when never routed
            ALTER TABLE tickets ADD COLUMN routed_facts TEXT CHECK (routed_facts IS NULL OR json_valid(routed_facts));
            """)
    }
}
