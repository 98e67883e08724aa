import Foundation
import Testing
import TicketTriage
import TriageModel
import TriageRules
import TriageStore

/// Ticket facts have one owner (`TicketMessageFacts`): the facts routing reads back from the store (columns written
/// on import, columns refreshed in SQL when messages are appended, the customer text joined in SQL) must equal the
/// facts derived from the imported ticket itself, on the same tickets.
@Suite struct TicketFactsPathsTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    static func at(_ minutes: Int) -> Date { t0.addingTimeInterval(Double(minutes) * 60) }

    static func message(_ id: String, _ role: MessageRole, public isPublic: Bool = true, _ minutes: Int?,
                        _ text: String, trimmed: String? = nil) -> ImportedMessage {
        ImportedMessage(externalID: id, author: Participant(email: "\(role.rawValue)@example.org"), role: role,
                        isPublic: isPublic, sentAt: minutes.map(at), text: text, trimmedText: trimmed)
    }

    /// Shapes that tell the rules apart: internal notes by either role, system messages, trimmed text, messages
    /// without a time, times out of message order, no creation time, no messages counted at all.
    static let tickets: [ImportedTicket] = [
        ImportedTicket(
            source: "zendesk", externalID: "1", subject: "Refund", status: "open", channel: "email",
            requester: Participant(name: "Ann", email: "Ann@Example.org"), organization: "Example", tags: ["vip", "billing"],
            createdAt: at(0), updatedAt: at(90), labelDepartment: "Billing", labelPriority: "high",
            customFields: ["plan": "pro"],
            messages: [
                message("1a", .customer, 0, "I was charged twice.\n\n> quoted reply", trimmed: "I was charged twice."),
                message("1b", .agent, public: false, 5, "internal: check the ledger"),
                message("1c", .agent, 10, "We are looking into it."),
                message("1d", .customer, public: false, 60, "note from a CC'd colleague"),
                message("1e", .system, 70, "Automatic reminder"),
                message("1f", .customer, 30, "Any news? It's 'urgent' — ünïcode too."),
            ]),
        ImportedTicket(
            source: "zendesk", externalID: "2", subject: "No creation time",
            messages: [message("2a", .customer, 45, "first"), message("2b", .agent, 20, "reply logged earlier")]),
        ImportedTicket(
            source: "zendesk", externalID: "3", subject: "Only notes", createdAt: at(5),
            messages: [message("3a", .agent, public: false, 6, "note"), message("3b", .customer, public: false, 7, "note 2")]),
        ImportedTicket(
            source: "freshdesk", externalID: "4", subject: "Untimed", createdAt: at(1),
            messages: [message("4a", .customer, nil, "no date"), message("4b", .agent, nil, "no date either"),
                       message("4c", .customer, 3, "dated")]),
        ImportedTicket(source: "freshdesk", externalID: "5", subject: "Empty", createdAt: at(2)),
    ]

    func storedFacts(_ store: TicketStore) throws -> [String: TicketFacts] {
        for ticket in Self.tickets {
            try RoutingFixtures.triage(store, "\(ticket.source):\(ticket.externalID)", department: "Billing")
        }
        let candidates = try store.routingCandidates(RoutingSelection(unroutedOnly: false))
        return Dictionary(uniqueKeysWithValues: candidates.map {
            ("\($0.ticket.source):\($0.ticket.externalID)", Router.subject(for: $0, now: Self.at(120)).ticket)
        })
    }

    @Test func importedAndStoredFactsAgree() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert(Self.tickets, runID: nil)
        let stored = try storedFacts(store)
        #expect(stored.count == Self.tickets.count)
        for ticket in Self.tickets {
            #expect(stored["\(ticket.source):\(ticket.externalID)"] == TicketFacts(ticket), "\(ticket.externalID)")
        }
        // The rule itself, spelled out once for the first ticket.
        let first = try #require(stored["zendesk:1"])
        #expect(first.text == "I was charged twice.\nAny news? It's 'urgent' — ünïcode too.")
        #expect(first.lastCustomerMessageAt == Self.at(30))   // the internal note at 60 does not count
        #expect(first.firstAgentReplyAt == Self.at(10) && first.lastAgentReplyAt == Self.at(10))
        #expect(first.messageCount == 6)
        #expect(stored["zendesk:2"]?.createdAt == Self.at(20))  // no creation time: the earliest message's
        #expect(stored["zendesk:3"]?.text == "" && stored["zendesk:3"]?.lastCustomerMessageAt == nil)
    }

    /// Re-importing with appended messages refreshes the derived columns in SQL: still the same facts.
    @Test func factsRefreshedInSQLAfterAppendedMessagesAgree() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert(Self.tickets, runID: nil)
        var updated = Self.tickets
        updated[0].messages += [Self.message("1g", .customer, public: false, 100, "another internal note"),
                                Self.message("1h", .agent, 95, "Refunded."),
                                Self.message("1i", .customer, 99, "Thanks!")]
        updated[1].messages.append(Self.message("2c", .customer, 80, "second"))
        _ = try store.upsert(updated, runID: nil)
        let stored = try storedFacts(store)
        for ticket in updated {
            #expect(stored["\(ticket.source):\(ticket.externalID)"] == TicketFacts(ticket), "\(ticket.externalID)")
        }
        #expect(stored["zendesk:1"]?.lastCustomerMessageAt == Self.at(99))
        #expect(stored["zendesk:1"]?.lastAgentReplyAt == Self.at(95))
    }
}
