import Foundation
import Testing
@testable import TriageRules

/// Business-time arithmetic across weekends, holidays and daylight-saving changes.
@Suite struct BusinessHoursTests {
    static func zone(_ name: String) -> TimeZone { TimeZone(identifier: name)! }

    static let berlin = BusinessHours(timeZone: zone("Europe/Berlin"), opensAt: 9 * 60, closesAt: 17 * 60,
                                      holidays: [BusinessHours.Day("2026-12-25")!, BusinessHours.Day("2026-12-31")!])
    static let newYork = BusinessHours(timeZone: zone("America/New_York"), opensAt: 8 * 60, closesAt: 18 * 60,
                                       holidays: [BusinessHours.Day("2026-11-26")!])

    /// (hours, start, business seconds, expected due) — all instants in UTC.
    static let additions: [(String, String, Double, String)] = [
        // Berlin, Friday before the spring change (29 March): 1 h on Friday, 1 h on Monday — now UTC+2
        ("berlin", "2026-03-27T15:00:00Z", 2 * 3600, "2026-03-30T08:00:00Z"),
        // Berlin, Friday before the autumn change (25 October): Monday 09:30 is UTC+1 again
        ("berlin", "2026-10-23T14:30:00Z", 3600, "2026-10-26T08:30:00Z"),
        // Berlin, Christmas Eve afternoon: the 25th is a holiday, then a weekend
        ("berlin", "2026-12-24T15:00:00Z", 4 * 3600, "2026-12-28T11:00:00Z"),
        // Berlin, a Saturday start counts from Monday's opening
        ("berlin", "2026-03-07T12:00:00Z", 30 * 60, "2026-03-09T08:30:00Z"),
        // Berlin, before opening on a weekday: counts from 09:00
        ("berlin", "2026-03-02T05:00:00Z", 3600, "2026-03-02T09:00:00Z"),
        // Berlin, ending exactly at closing time stays on that day
        ("berlin", "2026-03-02T08:00:00Z", 8 * 3600, "2026-03-02T16:00:00Z"),
        // Berlin, a full week of business time (40 h) from Monday opening: next Monday's opening + 0
        ("berlin", "2026-03-02T08:00:00Z", 40 * 3600, "2026-03-06T16:00:00Z"),
        // New York, Friday evening before the spring change (8 March): Monday 10:00 EDT = 14:00 UTC
        ("new_york", "2026-03-06T22:00:00Z", 3 * 3600, "2026-03-09T14:00:00Z"),
        // New York, Friday before the autumn change (1 November): Monday 10:00 EST = 15:00 UTC
        ("new_york", "2026-10-30T21:00:00Z", 3 * 3600, "2026-11-02T15:00:00Z"),
        // New York, Thanksgiving (26 November) is a holiday: Wednesday 17:00 EST + 2 h → Friday 09:00
        ("new_york", "2026-11-25T22:00:00Z", 2 * 3600, "2026-11-27T14:00:00Z"),
    ]

    static func hours(_ name: String) -> BusinessHours { name == "berlin" ? berlin : newYork }

    @Test(arguments: additions)
    func addingBusinessTime(calendar: String, start: String, seconds: Double, expected: String) {
        let hours = Self.hours(calendar)
        let due = hours.adding(seconds, to: Samples.date(start))
        #expect(due == Samples.date(expected), "\(due)")
        // and back: the business time between start and due is the target
        #expect(hours.businessSeconds(from: Samples.date(start), to: due) == seconds)
    }

    @Test func elapsedBusinessTimeSkipsNightsWeekendsAndHolidays() {
        let hours = Self.berlin
        // Friday 16:00 CET → Monday 10:00 CEST (across the spring change): 1 h + 1 h
        #expect(hours.businessSeconds(from: Samples.date("2026-03-27T15:00:00Z"),
                                      to: Samples.date("2026-03-30T08:00:00Z")) == 2 * 3600)
        // all of Christmas week 2026: Mon–Thu 4 × 8 h, Friday the 25th is a holiday
        #expect(hours.businessSeconds(from: Samples.date("2026-12-20T00:00:00Z"),
                                      to: Samples.date("2026-12-27T00:00:00Z")) == 32 * 3600)
        #expect(hours.businessSeconds(from: Samples.date("2026-03-02T12:00:00Z"),
                                      to: Samples.date("2026-03-02T11:00:00Z")) == 0)
    }

    /// With round-the-clock hours in a local zone, DST days have 23 and 25 business hours.
    @Test(arguments: [("Europe/Berlin", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z", 23.0),
                      ("Europe/Berlin", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", 25.0),
                      ("America/New_York", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z", 23.0),
                      ("America/New_York", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", 25.0)])
    func daylightSavingDaysHaveTheirRealLength(zone: String, dayStart: String, nextDayStart: String, hours: Double) {
        let allDay = BusinessHours(timeZone: Self.zone(zone), weekdays: Set(1...7), opensAt: 0, closesAt: 24 * 60)
        let start = Samples.date(dayStart), end = Samples.date(nextDayStart)
        #expect(allDay.businessSeconds(from: start, to: end) == hours * 3600)
        #expect(allDay.adding(hours * 3600, to: start) == end)
    }

    /// Split shifts on weekdays (lunch closed) and a short Saturday, in Berlin (UTC+1 in March).
    static let shifts = BusinessHours(timeZone: zone("Europe/Berlin"), schedule: [
        2: [.init(opens: 13 * 60, closes: 17 * 60), .init(opens: 8 * 60, closes: 12 * 60)],  // given out of order
        3: [.init(opens: 8 * 60, closes: 12 * 60), .init(opens: 13 * 60, closes: 17 * 60)],
        4: [.init(opens: 8 * 60, closes: 12 * 60), .init(opens: 13 * 60, closes: 17 * 60)],
        5: [.init(opens: 8 * 60, closes: 12 * 60), .init(opens: 13 * 60, closes: 17 * 60)],
        6: [.init(opens: 8 * 60, closes: 12 * 60), .init(opens: 13 * 60, closes: 17 * 60)],
        7: [.init(opens: 10 * 60, closes: 14 * 60)],
    ])

    @Test func splitShiftsSkipLunchAndSaturdayHasItsOwnHours() {
        let hours = Self.shifts
        // Monday 11:30 local + 1 h: 30 min before lunch, 30 min after → 13:30 local
        #expect(hours.adding(3600, to: Samples.date("2026-03-02T10:30:00Z")) == Samples.date("2026-03-02T12:30:00Z"))
        // starting during lunch counts from 13:00
        #expect(hours.adding(600, to: Samples.date("2026-03-02T11:15:00Z")) == Samples.date("2026-03-02T12:10:00Z"))
        // Friday 16:00 local + 3 h: 1 h on Friday, then Saturday 10:00-12:00
        #expect(hours.adding(3 * 3600, to: Samples.date("2026-03-06T15:00:00Z")) == Samples.date("2026-03-07T11:00:00Z"))
        // Saturday 13:00 local + 2 h: 1 h on Saturday, Sunday closed, Monday 08:00-09:00
        #expect(hours.adding(2 * 3600, to: Samples.date("2026-03-07T12:00:00Z")) == Samples.date("2026-03-09T08:00:00Z"))
        // a whole week: 5 × 8 h + 4 h
        #expect(hours.businessSeconds(from: Samples.date("2026-03-01T23:00:00Z"), to: Samples.date("2026-03-08T23:00:00Z"))
                == 44 * 3600)
        #expect(!hours.isOpen(at: Samples.date("2026-03-02T11:30:00Z")))   // 12:30 local, lunch
        #expect(hours.isOpen(at: Samples.date("2026-03-02T12:30:00Z")))    // 13:30 local
        #expect(hours.isOpen(at: Samples.date("2026-03-07T12:59:00Z")))    // Saturday 13:59 local
        #expect(!hours.isOpen(at: Samples.date("2026-03-07T13:00:00Z")))   // Saturday 14:00 local
        #expect(hours.weekdays == Set(2...7) && hours.opensAt == 8 * 60 && hours.closesAt == 17 * 60)
    }

    @Test func isOpenFollowsTheLocalClock() {
        // 08:30 UTC is 09:30 in Berlin in winter (open) and 10:30 in summer (open); 07:30 UTC: winter closed
        #expect(Self.berlin.isOpen(at: Samples.date("2026-03-02T08:30:00Z")))
        #expect(!Self.berlin.isOpen(at: Samples.date("2026-03-02T07:30:00Z")))
        #expect(Self.berlin.isOpen(at: Samples.date("2026-07-01T07:30:00Z")))
        #expect(!Self.berlin.isOpen(at: Samples.date("2026-12-25T10:00:00Z")))
        #expect(!Self.berlin.isOpen(at: Samples.date("2026-03-07T10:00:00Z")))
    }

    @Test(arguments: [("30m", 1800.0), ("4h", 14_400), ("1h30m", 5400), ("2d", 172_800), ("1.5", 5400), ("90s", 90)])
    func durations(text: String, seconds: Double) {
        #expect(SLADuration.seconds(text) == seconds)
    }

    @Test(arguments: ["", "h", "4x", "1h30", "soon", "-"])
    func badDurations(text: String) {
        #expect(SLADuration.seconds(text) == nil)
    }

    @Test func hourRanges() {
        #expect(SLADuration.hoursRange("09:00-17:30")! == (540, 1050))
        #expect(SLADuration.hoursRange("00:00-24:00")! == (0, 1440))
        #expect(SLADuration.hoursRange("17:00-09:00") == nil)
        #expect(SLADuration.hoursRange("9-17") == nil)
    }
}
