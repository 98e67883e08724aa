import Foundation
import GRDB
import Testing
import TriageModel
@testable import TriageStore

/// A mail record as `MailTicketBuilder` emits it: one message, its references (newest first) and a subject key.
private func mail(_ id: String, day: Int, hour: Int = 9, subject: String, refs: [String] = [], key: String,
                  from: String = "ana@example.com") -> ImportedTicket {
    let date = Date(timeIntervalSince1970: 1_763_000_000 + Double(day * 86_400 + hour * 3_600))
    return ImportedTicket(
        source: "mail", externalID: id, subject: subject, channel: "email",
        requester: Participant(email: from), createdAt: date, updatedAt: date,
        messages: [ImportedMessage(externalID: id, author: Participant(email: from), sentAt: date, text: "text of \(id)")],
        threadHints: ThreadHints(references: refs, subjectKey: key))
}

/// Six threads that exercise every rule: a reference chain, replies that share only a missing ("ghost") parent,
/// two distinct threads with the same subject, sender and day, a reply without references (subject fallback),
/// and a message alone.
private let corpus: [ImportedTicket] = [
    mail("a1", day: 1, subject: "Export fails", key: "export fails|ana"),
    mail("a2", day: 1, hour: 10, subject: "Re: Export fails", refs: ["a1"], key: "export fails|ana|reply"),
    mail("a3", day: 2, subject: "Re: Export fails", refs: ["a2", "a1"], key: "export fails|ana|reply"),
    mail("a4", day: 3, subject: "Re: Export fails", refs: ["a2"], key: "export fails|ana|reply"),
    mail("b2", day: 1, subject: "Re: Invoice", refs: ["ghost-b1"], key: "invoice|ana|reply"),
    mail("b3", day: 1, hour: 11, subject: "Re: Invoice", refs: ["ghost-b1"], key: "invoice|ana|reply"),
    mail("b4", day: 2, subject: "Re: Invoice", refs: ["b3", "ghost-b1"], key: "invoice|ana|reply"),
    mail("c1", day: 4, hour: 9, subject: "Printer", key: "printer|ana"),
    mail("d1", day: 4, hour: 10, subject: "Printer", key: "printer|ana"),
    mail("c2", day: 4, hour: 11, subject: "Re: Printer", refs: ["c1"], key: "printer|ana|reply"),
    mail("d2", day: 4, hour: 12, subject: "Re: Printer", refs: ["d1"], key: "printer|ana|reply"),
    mail("e1", day: 5, subject: "Refund", key: "refund|ana"),
    mail("e2", day: 5, hour: 15, subject: "RE: Refund", key: "refund|ana|reply"),
    mail("f1", day: 6, subject: "Alone", key: "alone|ana"),
]

/// What a store holds, independent of row ids: per ticket its external id, subject, message ids in order,
/// message count, content digest and search text.
private func snapshot(_ store: TicketStore) throws -> [String] {
    try store.writer.read { db in
        try Row.fetchAll(db, sql: """
            SELECT t.external_id, t.subject, t.message_count, t.content_hash, t.created_at,
                (SELECT group_concat(external_id, ',') FROM (SELECT external_id FROM messages WHERE ticket_id = t.id ORDER BY position)) AS ids,
                (SELECT body FROM ticket_search_text WHERE ticket_id = t.id) AS body
            FROM tickets t ORDER BY t.external_id
            """).map { row in
            let fields: [String?] = [row["external_id"], row["subject"], String(row["message_count"] as Int),
                                     row["content_hash"], row["created_at"], row["ids"], row["body"]]
            return fields.map { $0 ?? "-" }.joined(separator: " | ")
        }
    }
}

/// A small deterministic generator for shuffles.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct TicketStoreThreadingTests {
    @Test func threadsAreTheSameWhateverTheImportOrder() throws {
        let reference = try TicketStore.inMemory()
        _ = try reference.upsert(corpus, runID: nil)
        let expected = try snapshot(reference)
        #expect(expected.count == 6)
        #expect(expected.map { $0.components(separatedBy: " | ")[5] } == [
            "a1,a2,a3,a4", "b2,b3,b4", "c1,c2", "d1,d2", "e1,e2", "f1",
        ])

        var orders: [[ImportedTicket]] = [corpus.reversed()]
        var generator = SplitMix(state: 12)
        for _ in 0..<6 { orders.append(corpus.shuffled(using: &generator)) }
        for (number, order) in orders.enumerated() {
            // One record per transaction and all in one batch must agree too.
            let single = try TicketStore.inMemory()
            for ticket in order { _ = try single.upsert([ticket], runID: nil) }
            #expect(try snapshot(single) == expected, "order \(number), one at a time: \(order.map(\.externalID))")
            let batch = try TicketStore.inMemory()
            _ = try batch.upsert(order, runID: nil)
            #expect(try snapshot(batch) == expected, "order \(number), one batch")
            // In one transaction the search rows are written once per ticket at its end (DeferredSearchRows):
            // the index must still hold exactly the stored text, merges included.
            try batch.writer.write { db in try db.execute(sql: "INSERT INTO ticket_search (ticket_search) VALUES ('integrity-check')") }
            #expect(try batch.search("a4").map(\.ticket.externalID) == ["a1"])
            #expect(try batch.search("b3").map(\.ticket.externalID) == ["b2"])
        }
    }

    @Test func aReplyImportedBeforeItsParentJoinsWhenTheParentArrives() throws {
        let store = try TicketStore.inMemory()
        #expect(try store.upsert([corpus[2]], runID: nil) == [.new])  // a3 refers to a2 and a1, both unseen
        #expect(try store.upsert([corpus[0]], runID: nil) == [.updated])
        let ticket = try store.ticket(reference: "mail:a1")
        #expect(ticket.subject == "Export fails")
        #expect(ticket.messages.map(\.externalID) == ["a1", "a3"])
        #expect(try store.statistics().tickets == 1)
        #expect(try store.search("a3").map(\.ticket.externalID) == ["a1"])
    }

    @Test func aMessageThatLinksTwoTicketsMergesThem() throws {
        let store = try TicketStore.inMemory()
        let lone = mail("x2", day: 2, subject: "Re: Other", refs: ["x1"], key: "other|ana|reply")
        let other = mail("y2", day: 3, subject: "Re: Other", refs: ["y1"], key: "other|ana|reply")
        let link = mail("y1", day: 1, subject: "Other", refs: ["x2"], key: "other|ana")
        #expect(try store.upsert([lone, other], runID: nil) == [.new, .new])
        #expect(try store.upsert([link], runID: nil) == [.updated])
        #expect(try store.statistics().tickets == 1)
        let ticket = try store.ticket(reference: "mail:y1")
        #expect(ticket.messages.map(\.externalID) == ["y1", "x2", "y2"])
        try store.writer.write { db in try db.execute(sql: "INSERT INTO ticket_search (ticket_search) VALUES ('integrity-check')") }
        #expect(try store.search("x2").map(\.ticket.externalID) == ["y1"])
    }

    @Test func theSubjectFallbackNeverOverridesReferences() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert([corpus[7], corpus[8]], runID: nil)  // c1, d1: two originals, same subject and day
        #expect(try store.statistics().tickets == 2)
        // A reply with a reference to an unknown message does not join by subject either.
        let stray = mail("z2", day: 4, hour: 13, subject: "Re: Printer", refs: ["z1"], key: "printer|ana|reply")
        #expect(try store.upsert([stray], runID: nil) == [.new])
        #expect(try store.statistics().tickets == 3)
    }

    /// Two originals share a subject key (c1 and d1: "Printer" from the same sender on the same day). A reply
    /// without any references cannot say which one it answers: it starts its own ticket rather than guess.
    @Test func aReplyWithoutReferencesToAnAmbiguousSubjectJoinsNeither() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert([corpus[7], corpus[8]], runID: nil)
        let bare = mail("p9", day: 4, hour: 15, subject: "Re: Printer", key: "printer|ana|reply")
        #expect(try store.upsert([bare], runID: nil) == [.new])
        #expect(try store.statistics().tickets == 3)
        #expect(try store.ticket(reference: "mail:c1").messages.map(\.externalID) == ["c1"])
        #expect(try store.ticket(reference: "mail:d1").messages.map(\.externalID) == ["d1"])
        // With one original only, the same reply joins it.
        let single = try TicketStore.inMemory()
        _ = try single.upsert([corpus[7], bare], runID: nil)
        #expect(try single.ticket(reference: "mail:c1").messages.map(\.externalID) == ["c1", "p9"])
    }

    /// The reply arrives first: the first original joins it, the second original does not (two originals are
    /// never threaded together by subject).
    @Test func twoOriginalsNeverJoinThroughAReplyWithoutReferences() throws {
        let store = try TicketStore.inMemory()
        let bare = mail("p9", day: 4, hour: 15, subject: "Re: Printer", key: "printer|ana|reply")
        _ = try store.upsert([bare], runID: nil)
        _ = try store.upsert([corpus[7]], runID: nil)
        _ = try store.upsert([corpus[8]], runID: nil)
        #expect(try store.statistics().tickets == 2)
        #expect(try store.ticket(reference: "mail:c1").messages.map(\.externalID) == ["c1", "p9"])
        #expect(try store.ticket(reference: "mail:d1").messages.map(\.externalID) == ["d1"])
    }

    @Test func theSubjectFallbackRespectsTheWindow() throws {
        let store = try TicketStore.inMemory()
        let late = mail("e9", day: 60, subject: "Re: Refund", key: "refund|ana|reply")
        #expect(try store.upsert([corpus[11], late], runID: nil) == [.new, .new])
    }

    @Test func importingTheSameMailAgainIsANoOpInAnyOrder() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert(corpus.reversed(), runID: nil)
        let before = try snapshot(store)
        #expect(try store.upsert(corpus, runID: nil).allSatisfy { $0 == .unchanged })
        #expect(try store.upsert(corpus.reversed(), runID: nil).allSatisfy { $0 == .unchanged })
        #expect(try snapshot(store) == before)
    }
}
