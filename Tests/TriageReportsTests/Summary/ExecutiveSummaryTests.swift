import Testing
import TriageModel
import TriageReports

@Suite("Executive summary")
struct ExecutiveSummaryTests {
    @Test func fixtureReadsAsOneParagraph() throws {
        let text = ExecutiveSummary.compose(from: try DigestFixture.data())
        #expect(text == "142 new tickets (+12% on yesterday), mostly Technical Support (38%) and Billing (21%). "
            + "97 solved, 405 still open; 31 open for more than a week. "
            + "3 escalations, 2 SLA breaches, 1 at risk and 2 tickets need a human. "
            + "Standing out: password reset (14), invoice (9), api 502 (5). "
            + "Triage that day: 140 tickets for $0.42 (81% of input from cache); 7 with low confidence. "
            + "2 records failed to import.")
    }

    static func quietDay(newTickets: Int, yesterday: Int?, departments: [LabelCount]) throws -> DigestData {
        DigestData(generatedAt: DigestFixture.instant("2026-06-02T06:00:00Z"),
                   day: try DigestDay.bounds(date: "2026-06-01", timeZone: "UTC"),
                   newTickets: NewTicketCounts(total: newTickets, byDepartment: departments),
                   flow: TicketFlow(solved: 1, stillOpen: 4),
                   previousDay: yesterday.map { DayTotals(date: "2026-05-31", newTickets: $0, solved: 0, stillOpen: 0) },
                   triage: TriageFigures(ticketsTriaged: 0))
    }

    @Test func quietDayWithoutHistory() throws {
        let data = try Self.quietDay(newTickets: 1, yesterday: nil, departments: [LabelCount("Sales", 1)])
        #expect(ExecutiveSummary.compose(from: data) == "1 new ticket, all Sales. 1 solved, 4 still open. "
            + "No escalations, no SLA breaches and nothing waiting for a human.")
    }

    @Test func withoutAnSLAPolicyItSaysNotConfiguredInsteadOfNoBreaches() throws {
        var data = try Self.quietDay(newTickets: 1, yesterday: nil, departments: [LabelCount("Sales", 1)])
        data.slaConfigured = false
        let text = ExecutiveSummary.compose(from: data)
        #expect(text.hasSuffix("No escalations and nothing waiting for a human. SLA not configured."))
        #expect(!text.contains("no SLA breaches"))
        data.escalations = [EscalationEntry(ticket: TicketReference(id: "a:1", subject: "s"), ruleID: "r", team: "t", reason: "x")]
        #expect(ExecutiveSummary.compose(from: data).hasSuffix("1 escalation. SLA not configured."))
    }

    @Test("change against yesterday", arguments: [
        (80, 100, "80 new tickets (-20% on yesterday)"),
        (100, 100, "100 new tickets (as many as yesterday)"),
        (5, 0, "5 new tickets (none yesterday)"),
        (1_250, 1_000, "1,250 new tickets (+25% on yesterday)"),
    ])
    func change(today: Int, yesterday: Int, opening: String) throws {
        let data = try Self.quietDay(newTickets: today, yesterday: yesterday, departments: [])
        #expect(ExecutiveSummary.compose(from: data).hasPrefix(opening + "."))
    }

    @Test func namesOnlyTheLeaderWhenItDominates() throws {
        let data = try Self.quietDay(newTickets: 10, yesterday: nil,
                                     departments: [LabelCount("Billing", 2), LabelCount("Technical Support", 8)])
        #expect(ExecutiveSummary.compose(from: data).hasPrefix("10 new tickets, mostly Technical Support (80%). "))
    }
}
