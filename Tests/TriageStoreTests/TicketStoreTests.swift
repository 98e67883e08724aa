import Foundation
import GRDB
import Testing
import TriageModel
@testable import TriageStore

/// A small ticket with one customer message and one internal note.
func sampleTicket(id: String = "1001", subject: String = "Invoice charged twice", text: String = "I was charged twice for November.",
                  source: String = "zendesk") -> ImportedTicket {
    ImportedTicket(
        source: source, externalID: id, subject: subject, status: "open", channel: "email",
        requester: Participant(name: "Ana Souza", email: "Ana@Example.com"), tags: ["billing", "vip"],
        createdAt: Date(timeIntervalSince1970: 1_763_450_000), labelDepartment: "Billing",
        customFields: ["plan": "Pro"],
        messages: [
            ImportedMessage(externalID: "c1", author: Participant(email: "ana@example.com"), role: .customer,
                            sentAt: Date(timeIntervalSince1970: 1_763_450_000), text: text),
            ImportedMessage(externalID: "c2", author: Participant(email: "agent@acme.com"), role: .agent, isPublic: false,
                            sentAt: Date(timeIntervalSince1970: 1_763_451_000), text: "Internal: check Stripe."),
        ])
}

@Suite struct TicketStoreTests {
    @Test func newTicketIsStoredWithMessagesAndPendingTriage() throws {
        let store = try TicketStore.inMemory()
        #expect(try store.upsert([sampleTicket()], runID: nil) == [.new])
        let ticket = try store.ticket(reference: "zendesk:1001")
        #expect(ticket.subject == "Invoice charged twice")
        #expect(ticket.requester?.email == "ana@example.com")
        #expect(ticket.tags == ["billing", "vip"])
        #expect(ticket.customFields == ["plan": "Pro"])
        #expect(ticket.labelDepartment == "Billing")
        #expect(ticket.messages.map(\.externalID) == ["c1", "c2"])
        #expect(ticket.messages[1].isPublic == false)
        #expect(ticket.needsTriage)
        #expect(ticket.messageCount == 2)
    }

    @Test func reimportingTheSameTicketIsANoOp() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert([sampleTicket()], runID: nil)
        #expect(try store.upsert([sampleTicket()], runID: nil) == [.unchanged])
        #expect(try store.statistics().messages == 2)
    }

    @Test func changedTextUpdatesTheTicketAndChangesItsContentHash() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert([sampleTicket()], runID: nil)
        let before = try store.ticket(reference: "zendesk:1001").contentHash
        #expect(try store.upsert([sampleTicket(text: "I was charged three times!")], runID: nil) == [.updated])
        let after = try store.ticket(reference: "zendesk:1001")
        #expect(after.contentHash != before)
        #expect(after.messages.first?.text == "I was charged three times!")
        #expect(after.messages.count == 2)
    }

    @Test func internalOnlyChangeDoesNotChangeTheContentHash() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert([sampleTicket()], runID: nil)
        let before = try store.ticket(reference: "zendesk:1001").contentHash
        var changed = sampleTicket()
        changed.tags.append("escalated")
        changed.messages[1].text = "Internal: refunded."
        #expect(try store.upsert([changed], runID: nil) == [.updated])
        #expect(try store.ticket(reference: "zendesk:1001").contentHash == before)
    }

    @Test func newMessagesAreAppendedToAnExistingTicket() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert([sampleTicket()], runID: nil)
        var newer = sampleTicket()
        newer.messages.append(ImportedMessage(externalID: "c3", role: .customer, text: "Any news?"))
        #expect(try store.upsert([newer], runID: nil) == [.updated])
        let ticket = try store.ticket(reference: "zendesk:1001")
        #expect(ticket.messages.map(\.externalID) == ["c1", "c2", "c3"])
        #expect(ticket.messages.map(\.position) == [0, 1, 2])
    }

    @Test func sameExternalIDInAnotherSourceIsAnotherTicket() throws {
        let store = try TicketStore.inMemory()
        let outcomes = try store.upsert([sampleTicket(source: "zendesk"), sampleTicket(source: "freshdesk")], runID: nil)
        #expect(outcomes == [.new, .new])
        #expect(try store.statistics().tickets == 2)
    }

    @Test func aReplyJoinsTheThreadItReferences() throws {
        let store = try TicketStore.inMemory()
        let first = ImportedTicket(source: "mail", externalID: "<a@x>", subject: "Printer on fire",
                                   messages: [ImportedMessage(externalID: "<a@x>", text: "Help")],
                                   threadHints: ThreadHints(references: [], subjectKey: "printer on fire|a@x"))
        let reply = ImportedTicket(source: "mail", externalID: "<b@x>", subject: "Re: Printer on fire",
                                   messages: [ImportedMessage(externalID: "<b@x>", role: .agent, text: "On it")],
                                   threadHints: ThreadHints(references: ["<a@x>"], subjectKey: "printer on fire|a@x"))
        let replyToReply = ImportedTicket(source: "mail", externalID: "<c@x>", subject: "Re: Re: Printer on fire",
                                          messages: [ImportedMessage(externalID: "<c@x>", text: "Thanks")],
                                          threadHints: ThreadHints(references: ["<b@x>"]))
        #expect(try store.upsert([first, reply, replyToReply], runID: nil) == [.new, .updated, .updated])
        #expect(try store.statistics().tickets == 1)
        #expect(try store.ticket(reference: "mail:<a@x>").messages.count == 3)
        // Importing the same mailbox again changes nothing.
        #expect(try store.upsert([first, reply, replyToReply], runID: nil) == [.unchanged, .unchanged, .unchanged])
    }

    @Test func fullTextSearchFindsWordsWithoutDiacritics() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert([sampleTicket(), sampleTicket(id: "1002", subject: "Café login", text: "Je n'arrive pas à me connecter")], runID: nil)
        let hits = try store.search("cafe")
        #expect(hits.map(\.ticket.externalID) == ["1002"])
        #expect(try store.search("charged").map(\.ticket.externalID) == ["1001"])
        #expect(throws: SearchQueryError.invalidSyntax("\"unbalanced")) { try store.search("\"unbalanced") }
    }

    /// The index keeps no text of its own, so an update must take the old words out before the text changes.
    @Test func searchFollowsChangedAndAppendedText() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert([sampleTicket(), sampleTicket(id: "1002", subject: "Login", text: "Cannot log in")], runID: nil)
        _ = try store.upsert([sampleTicket(text: "Please refund the annual plan.")], runID: nil)
        var newer = sampleTicket(text: "Please refund the annual plan.")
        newer.messages.append(ImportedMessage(externalID: "c3", role: .customer, text: "Any news about the voucher?"))
        #expect(try store.upsert([newer], runID: nil) == [.updated])
        #expect(try store.search("november").isEmpty)
        #expect(try store.search("refund").map(\.ticket.externalID) == ["1001"])
        #expect(try store.search("voucher").first?.snippet.contains("[voucher]") == true)
        #expect(try store.search("login").map(\.ticket.externalID) == ["1002"])
        #expect(Set(try store.search("stripe").map(\.ticket.externalID)) == ["1001", "1002"])  // both internal notes
        let indexed = try store.writer.read { db in
            try (Int.fetchOne(db, sql: "SELECT count(*) FROM ticket_search_docsize") ?? -1,
                 Int.fetchOne(db, sql: "SELECT count(*) FROM ticket_search WHERE ticket_search MATCH 'plan'") ?? -1)
        }
        #expect(indexed == (2, 1))
        try store.writer.write { db in try db.execute(sql: "INSERT INTO ticket_search (ticket_search) VALUES ('integrity-check')") }
    }

    @Test func aThreadReplyIsSearchableUnderItsTicket() throws {
        let store = try TicketStore.inMemory()
        let first = ImportedTicket(source: "mail", externalID: "<a@x>", subject: "Printer on fire",
                                   messages: [ImportedMessage(externalID: "<a@x>", text: "Help")],
                                   threadHints: ThreadHints(references: [], subjectKey: "printer on fire|a@x"))
        let reply = ImportedTicket(source: "mail", externalID: "<b@x>", subject: "Re: Printer on fire",
                                   messages: [ImportedMessage(externalID: "<b@x>", role: .agent, text: "Extinguisher sent")],
                                   threadHints: ThreadHints(references: ["<a@x>"]))
        _ = try store.upsert([first, reply], runID: nil)
        #expect(try store.search("extinguisher").map(\.ticket.externalID) == ["<a@x>"])
        #expect(try store.search("help").map(\.ticket.externalID) == ["<a@x>"])
    }

    /// The insert path binds through the C API: a constraint failure must still surface as an error, and the whole
    /// batch must be rolled back.
    @Test func aRowTheSchemaForbidsFailsTheBatchAndStoresNothing() throws {
        let store = try TicketStore.inMemory()
        #expect(throws: StoreError.self) {
            try store.upsert([sampleTicket(id: "1"), sampleTicket(id: "")], runID: nil)
        }
        #expect(try store.statistics().tickets == 0)
        #expect(try store.search("charged").isEmpty)
    }

    @Test func unknownTicketReferenceNamesIt() throws {
        let store = try TicketStore.inMemory()
        #expect { try store.ticket(reference: "nope:1") } throws: { "\($0)".contains("nope:1") }
    }

    @Test func schemaRejectsAnInvalidRow() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert([sampleTicket()], runID: nil)
        #expect(throws: (any Error).self) {
            try store.writer.write { db in
                try db.execute(sql: "UPDATE messages SET role = 'robot'")
            }
        }
    }
}

@Suite struct StoreFileTests {
    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString).sqlite").path
    }

    @Test func aStoreFromANewerVersionIsRefusedUnchanged() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let store = try TicketStore(path: path)
            _ = try store.upsert([sampleTicket()], runID: nil)
            try store.writer.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
            }
        }
        #expect { try TicketStore(path: path) } throws: { error in
            guard case let StoreError.newerSchema(_, unknown) = error else { return false }
            return unknown == ["v99-from-the-future"] && "\(error)".contains("newer version")
        }
    }

    /// A store written before the search index became external-content: its tickets are searchable after the
    /// upgrade, and later updates keep the index right.
    @Test func anOlderStoreIsMigratedAndItsSearchIndexRebuilt() throws {
        let path = temporaryPath()
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        do {
            let queue = try DatabaseQueue(path: path)
            try StoreSchema.migrator.migrate(queue, upTo: "v2-routing")
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO tickets (id, source, external_id, subject, imported_at, record_hash, content_hash, message_count)
                    VALUES (1, 'zendesk', '7', 'Parcel lost', '2026-11-01T00:00:00.000Z', 'r', 'c', 1);
                    INSERT INTO messages (ticket_id, external_id, position, role, is_public, body_text)
                    VALUES (1, 'm1', 0, 'customer', 1, 'The courier never came');
                    INSERT INTO ticket_search (rowid, subject, body) VALUES (1, 'Parcel lost', 'The courier never came');
                    """)
            }
        }
        let store = try TicketStore(path: path)
        #expect(try store.search("courier").map(\.ticket.externalID) == ["7"])
        #expect(try store.search("courier").first?.snippet.contains("[courier]") == true)
        #expect(TicketStore.schemaVersions.contains("v3-search-external-content"))
    }

    @Test func aForeignDatabaseIsRefused() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("this is not sqlite, just text that is long enough to not be a header".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.self) { try TicketStore(path: path) }
    }

    @Test func storeOnDiskUsesWALAndSurvivesReopen() throws {
        let path = temporaryPath()
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        do {
            let store = try TicketStore(path: path)
            _ = try store.upsert([sampleTicket()], runID: nil)
            let mode = try store.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
        }
        #expect(try TicketStore(path: path).statistics().tickets == 1)
    }
}

@Suite struct SQLDateTests {
    @Test(arguments: [0.0, 1_763_450_123.456, -86_400.5, 951_782_400, 4_102_444_799.999])
    func roundTrips(_ seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let text = SQLDate.string(date)
        let back = try #require(SQLDate.date(text))
        #expect(abs(back.timeIntervalSince1970 - (seconds * 1000).rounded(.down) / 1000) < 0.0005)
    }

    @Test func matchesISO8601() {
        #expect(SQLDate.string(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        #expect(SQLDate.string(Date(timeIntervalSince1970: 1_763_450_123.456)) == "2025-11-18T07:15:23.456Z")
    }
}

@Suite struct TriageStorageTests {
    static let result = TriageResult(department: "Billing", priority: .high, sentiment: .negative, language: "en",
                                     confidence: 0.8, summary: "Double charge", backend: .claude, model: "claude-haiku-5-5",
                                     promptVersion: "p1")
    static let call = LLMCallRecord(purpose: "classify", model: "claude-haiku-5-5", usage: TokenUsage(inputTokens: 100, outputTokens: 20),
                                    costUSD: 0.00002, latencyMilliseconds: 300, requestID: "req_1", startedAt: Date(), outcome: .succeeded)

    @Test func leasesKeepTwoRunsOffTheSameTicket() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert([sampleTicket(id: "1"), sampleTicket(id: "2"), sampleTicket(id: "3")], runID: nil)
        let a = try store.leasePendingTickets(owner: "run-a", limit: 2)
        let b = try store.leasePendingTickets(owner: "run-b", limit: 5)
        #expect(a.count == 2)
        #expect(b.map(\.id) == [3])
        // An expired lease is taken over.
        let later = Date().addingTimeInterval(3600)
        #expect(try store.leasePendingTickets(owner: "run-c", limit: 5, now: later).count == 3)
    }

    @Test func savingAResultMarksTheVersionTriagedExactlyOnce() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert([sampleTicket()], runID: nil)
        let ticket = try #require(try store.leasePendingTickets(owner: "r", limit: 1).first)
        #expect(try store.saveTriage(ticketID: ticket.id, contentHash: ticket.contentHash, result: Self.result, calls: [Self.call], runID: nil, owner: "r"))
        #expect(try store.saveTriage(ticketID: ticket.id, contentHash: ticket.contentHash, result: Self.result, calls: [], runID: nil, owner: "r") == false)
        let stored = try store.ticket(reference: "zendesk:1001")
        #expect(stored.triage?.result == Self.result)
        #expect(!stored.needsTriage)
        #expect(try store.statistics().llmCalls == 1)
        #expect(abs(try store.spentUSD() - 0.00002) < 1e-12)
        // New content: pending again, the old result no longer current.
        _ = try store.upsert([sampleTicket(text: "Now charged three times")], runID: nil)
        let changed = try store.ticket(reference: "zendesk:1001")
        #expect(changed.needsTriage && changed.triage == nil)
    }

    @Test func aResultForContentThatChangedMeanwhileDoesNotMarkTheNewVersion() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert([sampleTicket()], runID: nil)
        let ticket = try #require(try store.leasePendingTickets(owner: "r", limit: 1).first)
        _ = try store.upsert([sampleTicket(text: "Edited while triage ran")], runID: nil)
        try store.saveTriage(ticketID: ticket.id, contentHash: ticket.contentHash, result: Self.result, calls: [], runID: nil, owner: "r")
        #expect(try store.ticket(reference: "zendesk:1001").needsTriage)
    }

    @Test func labelledTicketsAreStreamedForTraining() throws {
        let store = try TicketStore.inMemory()
        var unlabelled = sampleTicket(id: "2")
        unlabelled.labelDepartment = nil
        _ = try store.upsert([sampleTicket(id: "1"), unlabelled], runID: nil)
        var seen: [String?] = []
        try store.forEachLabelledTicket { seen.append($0.labelDepartment) }
        #expect(seen == ["Billing"])
    }
}

@Suite struct BatchLeaseTests {
    @Test func ticketsInAnUncollectedBatchAreNotLeasedByALiveRun() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert([sampleTicket(id: "1"), sampleTicket(id: "2")], runID: nil)
        let pending = try store.pendingTickets(limit: 10)
        try store.writer.write { db in
            try db.execute(sql: "INSERT INTO batches (id, model, created_at) VALUES ('msgbatch_1', 'claude-haiku-5-5', '2026-11-25T00:00:00.000Z')")
            try db.execute(sql: "INSERT INTO batch_items (batch_id, custom_id, ticket_id, content_hash) VALUES ('msgbatch_1', 't1', ?, ?)",
                           arguments: [pending[0].id, pending[0].contentHash])
        }
        #expect(try store.leasePendingTickets(owner: "live", limit: 10).map(\.id) == [pending[1].id])
    }
}
