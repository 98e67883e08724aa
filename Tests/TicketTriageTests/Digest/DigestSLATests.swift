import Foundation
import Testing
import TriageModel
import TriageReports
import TriageRules
import TriageStore
@testable import TicketTriage

@Suite struct DigestSLATests {
    static let dayStart = Date(timeIntervalSince1970: 1_795_046_400)   // 2026-11-19T00:00:00Z
    static let dayEnd = dayStart.addingTimeInterval(86400)

    static func ticket(_ id: String, createdHoursBeforeEnd hours: Double, agentReplyAfterHours reply: Double? = nil) -> ImportedTicket {
        let created = dayEnd.addingTimeInterval(-hours * 3600)
        var messages = [ImportedMessage(externalID: "c", role: .customer, sentAt: created, text: "Help with \(id)")]
        if let reply {
            messages.append(ImportedMessage(externalID: "a", role: .agent, sentAt: created.addingTimeInterval(reply * 3600), text: "On it"))
        }
        return ImportedTicket(source: "t", externalID: id, subject: "Ticket \(id)", status: "open", createdAt: created, messages: messages)
    }

    @Test func breachesInTheDayAndTicketsAtRiskAtItsEnd() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert([
            Self.ticket("late", createdHoursBeforeEnd: 10),                        // due 4 h after creation: 6 h before the end
            Self.ticket("answered", createdHoursBeforeEnd: 10, agentReplyAfterHours: 1),
            Self.ticket("risky", createdHoursBeforeEnd: 3.5),                      // 3.5 of 4 h gone: at risk, not breached
            Self.ticket("fresh", createdHoursBeforeEnd: 1),                        // 1 of 4 h: fine
            Self.ticket("old", createdHoursBeforeEnd: 40),                          // breached the day before
        ], runID: nil)
        for pending in try store.pendingTickets(limit: 10) {
            try store.saveTriage(ticketID: pending.id, contentHash: pending.contentHash,
                                 result: TriageResult(department: "Billing", priority: .urgent, sentiment: .negative, language: "en",
                                                      confidence: 0.9, summary: "s", backend: .local, model: "m", promptVersion: "1"),
                                 calls: [], runID: nil, owner: nil)
        }
        let sla = DigestSLA(policy: SLAPolicy(targets: [.urgent: .init(firstResponse: 4 * 3600)], atRiskFraction: 0.75))
        let (breaches, atRisk) = try sla.entries(store: store, start: Self.dayStart, end: Self.dayEnd)
        #expect(breaches.map(\.ticket.id) == ["t:late"])
        #expect(breaches.first?.target == "first response")
        #expect(breaches.first?.dueAt == Self.dayEnd.addingTimeInterval(-6 * 3600))
        #expect(atRisk.map(\.ticket.id) == ["t:risky"])
    }

    @Test func aReplyAfterTheDayEndedDoesNotHideWhereTheTicketStoodAtItsEnd() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert([
            Self.ticket("next-morning", createdHoursBeforeEnd: 3.5, agentReplyAfterHours: 5),   // due 0.5 h after the end
            Self.ticket("same-day", createdHoursBeforeEnd: 3.5, agentReplyAfterHours: 1),       // answered in the day
        ], runID: nil)
        for pending in try store.pendingTickets(limit: 10) {
            try store.saveTriage(ticketID: pending.id, contentHash: pending.contentHash,
                                 result: TriageResult(department: "Billing", priority: .urgent, sentiment: .neutral, language: "en",
                                                      confidence: 0.9, summary: "s", backend: .local, model: "m", promptVersion: "1"),
                                 calls: [], runID: nil, owner: nil)
        }
        let sla = DigestSLA(policy: SLAPolicy(targets: [.urgent: .init(firstResponse: 4 * 3600)], atRiskFraction: 0.75))
        let (breaches, atRisk) = try sla.entries(store: store, start: Self.dayStart, end: Self.dayEnd)
        #expect(breaches.isEmpty)
        #expect(atRisk.map(\.ticket.id) == ["t:next-morning"])
        #expect(atRisk.first?.dueAt == Self.dayEnd.addingTimeInterval(30 * 60))
    }
}
