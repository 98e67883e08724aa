import Foundation
import Testing
import TriageModel
@testable import TriageRules

/// First- and next-response clocks: due times, breaches and the at-risk threshold.
@Suite struct SLAPolicyTests {
    static let policy = SLAPolicy(targets: [.high: .init(firstResponse: 4 * 3600, nextResponse: 2 * 3600)],
                                  atRiskFraction: 0.5)

    static func facts(created: String = "2026-03-02T07:00:00Z", customer: String? = nil, firstReply: String? = nil,
                      lastReply: String? = nil) -> TicketFacts {
        TicketFacts(source: "s", externalID: "1", subject: "x", createdAt: Samples.date(created),
                    lastCustomerMessageAt: customer.map(Samples.date), firstAgentReplyAt: firstReply.map(Samples.date),
                    lastAgentReplyAt: lastReply.map(Samples.date))
    }

    /// (first reply, now, breached, at risk)
    static let firstResponse: [(String?, String, Bool, Bool)] = [
        (nil, "2026-03-02T08:00:00Z", false, false),              // 1 h of 4: fine
        (nil, "2026-03-02T09:00:00Z", false, true),               // 2 h of 4 = 50 %: at risk
        (nil, "2026-03-02T11:00:00Z", false, true),               // exactly due: not yet breached
        (nil, "2026-03-02T11:00:01Z", true, false),               // past due: breached
        ("2026-03-02T10:59:00Z", "2026-03-03T10:00:00Z", false, false),  // answered in time
        ("2026-03-02T12:00:00Z", "2026-03-02T12:30:00Z", true, false),   // answered late
    ]

    @Test(arguments: firstResponse)
    func firstResponseClock(reply: String?, now: String, breached: Bool, atRisk: Bool) throws {
        let status = Self.policy.status(for: Self.facts(firstReply: reply), priority: .high, now: Samples.date(now))
        let clock = try #require(status.firstResponse)
        #expect(clock.dueAt == Samples.date("2026-03-02T11:00:00Z"))
        #expect(clock.breached == breached)
        #expect(clock.atRisk == atRisk)
        #expect(clock.completedAt == reply.map(Samples.date))
    }

    @Test func nextResponseRunsOnlyWhileTheCustomerWaits() throws {
        let waiting = Self.facts(customer: "2026-03-02T09:00:00Z", firstReply: "2026-03-02T08:00:00Z")
        let clock = try #require(Self.policy.status(for: waiting, priority: .high,
                                                    now: Samples.date("2026-03-02T11:30:00Z")).nextResponse)
        #expect(clock.dueAt == Samples.date("2026-03-02T11:00:00Z"))
        #expect(clock.breached)
        let answered = Self.facts(customer: "2026-03-02T09:00:00Z", firstReply: "2026-03-02T08:00:00Z",
                                  lastReply: "2026-03-02T09:30:00Z")
        #expect(Self.policy.status(for: answered, priority: .high, now: Samples.date("2026-03-02T11:30:00Z")).nextResponse == nil)
        let neverAnswered = Self.facts(customer: "2026-03-02T09:00:00Z")
        #expect(Self.policy.status(for: neverAnswered, priority: .high, now: Samples.now).nextResponse == nil)
    }

    @Test func prioritiesWithoutTargetsHaveNoClock() {
        let status = Self.policy.status(for: Self.facts(), priority: .low, now: Samples.now)
        #expect(status == SLAStatus())
    }

    @Test func businessHoursMoveTheDueTime() throws {
        var policy = Self.policy
        policy.businessHours = BusinessHours(timeZone: TimeZone(identifier: "Europe/Berlin")!)
        // created Friday 16:00 Berlin (15:00 UTC): 1 h on Friday, 3 h on Monday → 12:00 Berlin = 11:00 UTC
        let facts = Self.facts(created: "2026-03-06T15:00:00Z")
        let clock = try #require(policy.status(for: facts, priority: .high,
                                               now: Samples.date("2026-03-09T09:00:00Z")).firstResponse)
        #expect(clock.dueAt == Samples.date("2026-03-09T11:00:00Z"))
        #expect(!clock.breached)
        #expect(clock.atRisk)  // Friday 1 h + Monday 09:00–10:00 = 2 h of 4
    }

    @Test func rulesReadTheSLAOfTheChangedPriority() throws {
        let yaml = """
        sla:
          targets:
            urgent: {first_response: 1h}
            high: {first_response: 8h}
        rules:
          - {id: before, when: {field: sla.first_response.breached, is: true}, then: [{add_tags: [early]}]}
          - {id: escalate, then: [{set_priority: urgent}]}
          - {id: after, when: {field: sla.first_response.breached, is: true}, then: [{add_tags: [late]}]}
        """
        let outcome = RuleEngine(rules: try Samples.rules(yaml)).evaluate(Samples.subject())
        // created 07:00, now 10:00: within high's 8 h, past urgent's 1 h
        #expect(outcome.firings.map(\.ruleID) == ["escalate", "after"])
    }

    @Test func slaSectionParses() throws {
        let yaml = """
        sla:
          at_risk: 0.9
          business_hours:
            time_zone: America/New_York
            weekdays: [mon, tue, wednesday, thu]
            hours: "08:30-18:00"
            holidays: ["2026-11-26"]
          targets:
            normal: {first_response: 1h30m, next_response: 1d}
        rules: []
        """
        let policy = try #require(try Samples.rules(yaml).sla)
        #expect(policy.atRiskFraction == 0.9)
        #expect(policy.targets[.normal] == .init(firstResponse: 5400, nextResponse: 86_400))
        let hours = try #require(policy.businessHours)
        #expect(hours.timeZone.identifier == "America/New_York")
        #expect(hours.weekdays == [2, 3, 4, 5])
        #expect(hours.opensAt == 510 && hours.closesAt == 1080)
        #expect(hours.holidays == [BusinessHours.Day(year: 2026, month: 11, day: 26)])
    }

    @Test func hoursPerWeekdayWithSplitShiftsAreRead() throws {
        let yaml = """
        sla:
          business_hours:
            time_zone: Europe/Berlin
            hours:
              mon-fri: ["13:00-17:00", "08:00-12:00"]
              sat: "10:00-14:00"
            holidays: ["2026-12-24"]
          targets:
            normal: {first_response: 4h, next_response: 1d}
        rules: []
        """
        let hours = try #require(try Samples.rules(yaml).sla?.businessHours)
        let split = [BusinessHours.Window(opens: 480, closes: 720), BusinessHours.Window(opens: 780, closes: 1020)]
        #expect(hours.schedule == [2: split, 3: split, 4: split, 5: split, 6: split, 7: [.init(opens: 600, closes: 840)]])
        #expect(hours.weekdays == Set(2...7))
        // A range may wrap past Sunday.
        #expect(RuleFileParser.weekdaySet("fri-mon") == [6, 7, 1, 2])
        #expect(RuleFileParser.weekdaySet("sunday") == [1])
        #expect(RuleFileParser.weekdaySet("mon-xyz") == nil)
    }
}
