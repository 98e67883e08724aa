import Foundation
import Testing
import TriageModel
import TriageReports
import TriageStore
@testable import TicketTriage

@Suite("Digest builder")
struct DigestBuilderTests {
    let generated = DigestTestStore.instant("2026-03-09T12:00:00Z")

    @Test("the New York DST day has 23 hours and takes the tickets of its local calendar day")
    func localDay() throws {
        let data = try DigestBuilder(store: DigestTestStore.make()).build(date: "2026-03-08", timeZone: "America/New_York",
                                                                          generatedAt: generated)
        #expect(data.day.hours == 23)
        #expect(data.newTickets.total == 2) // T1, T2
        #expect(data.newTickets.byDepartment == [LabelCount("Billing", 1), LabelCount("Sales", 1)])
        #expect(data.generatedAt == generated)
    }

    @Test("the same date in UTC covers other tickets")
    func utcDay() throws {
        let data = try DigestBuilder(store: DigestTestStore.make()).build(date: "2026-03-08", timeZone: "UTC")
        #expect(data.day.hours == 24)
        #expect(data.newTickets.total == 2) // T1, T3
        #expect(data.newTickets.byDepartment.map(\.label).sorted() == ["Billing"])
        #expect(data.newTickets.byDepartment.first?.count == 2)
    }

    @Test("previous day and a 7-day trend ending with the day, oldest first")
    func trend() throws {
        let data = try DigestBuilder(store: DigestTestStore.make()).build(date: "2026-03-08", timeZone: "America/New_York")
        #expect(data.trend.map(\.date) == ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08"])
        #expect(data.trend.map(\.newTickets) == [0, 1, 0, 0, 0, 1, 2])
        #expect(data.previousDay?.date == "2026-03-07")
        #expect(data.previousDay?.newTickets == 1)
        #expect(data.trend.last == data.totals)
    }

    @Test("notable tickets, themes and backlog are filled from the store")
    func lists() throws {
        let data = try DigestBuilder(store: DigestTestStore.make()).build(date: "2026-03-08", timeZone: "America/New_York")
        let notable = try #require(data.notable.first)
        #expect(notable.ticket.id == "desk:T1")
        #expect(notable.priority == .urgent && notable.sentiment == .negative)
        #expect(notable.summary == "Refund failed twice")
        // Two tickets against two earlier ones are no evidence that anything stands out.
        #expect(data.themeBaseline == ThemeBaseline(days: 28, tickets: 2))
        #expect(data.themes.isEmpty)
        #expect(data.backlog.map(\.count).reduce(0, +) == data.flow.stillOpen)
        #expect(data.backlog.map(\.label) == AgeBucket.standardBounds.map(\.label))
        #expect(data.slaBreaches.isEmpty && data.slaAtRisk.isEmpty)
        #expect(data.triage.ticketsTriaged == 1)
        #expect(data.triage.byBackend == [LabelCount("local", 1)])
    }

    @Test("theme sampling keeps at most the limit, spread over the whole day")
    func sampling() {
        #expect(DigestBuilder.sample(Array(0..<10), limit: 20) == Array(0..<10))
        #expect(DigestBuilder.sample(Array(0..<10), limit: 5) == [0, 2, 4, 6, 8])
        #expect(DigestBuilder.sample(Array(0..<1000), limit: 3) == [0, 333, 666])
    }

    @Test("sampled theme counts are scaled to the whole day")
    func scaledThemes() throws {
        let documents = (0..<40).map { i in
            DigestAggregates.ThemeDocument(subject: i < 20 ? "Refund failed" : "Password reset", summary: nil, tags: [])
        }
        let day = try DigestDay.bounds(date: "2026-03-08", timeZone: "UTC")
        let all = try DigestBuilder(store: try TicketStore.inMemory()).themes(documents, day: day).themes
        let sampled = try DigestBuilder(store: try TicketStore.inMemory(), themeSampleLimit: 10).themes(documents, day: day).themes
        #expect(all.first { $0.label.contains("refund") }?.tickets == 20)
        #expect(sampled.first { $0.label.contains("refund") }?.tickets == 20) // 5 of 10 sampled, × 4
        #expect(sampled.map(\.label) == all.map(\.label))
    }

    @Test("yesterday is the local calendar day before now")
    func yesterday() throws {
        // 03:00 UTC on the 9th is still the 8th in New York.
        #expect(try DigestBuilder.yesterday(in: "America/New_York", now: DigestTestStore.instant("2026-03-09T03:00:00Z")) == "2026-03-07")
        #expect(try DigestBuilder.yesterday(in: "UTC", now: DigestTestStore.instant("2026-03-09T03:00:00Z")) == "2026-03-08")
    }
}

@Suite("Digest builder: themes against the earlier weeks")
struct DigestBuilderThemeTests {
    @Test func themesAreWhatSetsTheDayApartWithTheirTicketCounts() throws {
        let store = try TicketStore.inMemory()
        let day = try DigestDay.bounds(date: "2026-11-24", timeZone: "UTC")
        func ticket(_ id: Int, _ subject: String, hoursBeforeDay: Double) -> ImportedTicket {
            let created = day.start.addingTimeInterval(-hoursBeforeDay * 3600)
            return ImportedTicket(source: "t", externalID: "\(id)", subject: subject, status: "open", createdAt: created,
                                  messages: [ImportedMessage(externalID: "m\(id)", sentAt: created, text: subject)])
        }
        let everyday = ["Where is my order status", "Password reset link expired", "Change billing address"]
        var tickets = (0..<120).map { ticket($0, everyday[$0 % 3], hoursBeforeDay: 1 + Double($0) * 5) }  // 25 days before
        tickets += (0..<5).map { ticket(1000 + $0, "Checkout refund failed", hoursBeforeDay: -1 - Double($0)) }
        tickets += (0..<5).map { ticket(2000 + $0, "Where is my order status", hoursBeforeDay: -8 - Double($0)) }
        tickets.append(ticket(3000, "Checkout refund failed", hoursBeforeDay: 40 * 24))                  // outside the 28 days
        _ = try store.upsert(tickets, runID: nil)
        let data = try DigestBuilder(store: store).build(day: day)
        #expect(data.themeBaseline == ThemeBaseline(days: 28, tickets: 120))
        let first = try #require(data.themes.first)
        #expect(first.label.contains("refund"))
        #expect(first.tickets == 5)
        #expect(first.baselineShare == 0)
        #expect(!data.themes.contains { $0.label.contains("order") })
    }
}
