import Foundation
import Testing
import TriageReports

@Suite("DigestDay bounds")
struct DigestDayTests {
    static func utc(_ iso: String) -> Date { DigestFixture.instant(iso) }

    @Test("day length and bounds around DST changes", arguments: [
        ("2026-03-29", "Europe/Berlin", 23, "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"),
        ("2026-10-25", "Europe/Berlin", 25, "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z"),
        ("2026-03-30", "Europe/Berlin", 24, "2026-03-29T22:00:00Z", "2026-03-30T22:00:00Z"),
        ("2026-03-08", "America/New_York", 23, "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z"),
        ("2026-11-01", "America/New_York", 25, "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z"),
        ("2026-07-01", "UTC", 24, "2026-07-01T00:00:00Z", "2026-07-02T00:00:00Z"),
        // Chile moves clocks at midnight: 2026-09-06 has no 00:00 and starts at 01:00 local (UTC-3).
        ("2026-09-06", "America/Santiago", 23, "2026-09-06T04:00:00Z", "2026-09-07T03:00:00Z"),
    ])
    func bounds(date: String, zone: String, hours: Int, start: String, end: String) throws {
        let day = try DigestDay.bounds(date: date, timeZone: zone)
        #expect(day.hours == hours)
        #expect(day.start == Self.utc(start))
        #expect(day.end == Self.utc(end))
        #expect(day.date == date)
        #expect(day.timeZone == zone)
    }

    @Test func containsIsHalfOpen() throws {
        let day = try DigestDay.bounds(date: "2026-03-29", timeZone: "Europe/Berlin")
        #expect(day.contains(day.start))
        #expect(day.contains(day.end.addingTimeInterval(-1)))
        #expect(!day.contains(day.end))
        #expect(!day.contains(day.start.addingTimeInterval(-1)))
    }

    @Test func previousDayEndsWhereThisOneStarts() throws {
        let day = try DigestDay.bounds(date: "2026-10-26", timeZone: "Europe/Berlin")
        let previous = try day.previous()
        #expect(previous.date == "2026-10-25")
        #expect(previous.end == day.start)
        #expect(previous.hours == 25)
    }

    @Test func consecutiveDaysTile() throws {
        var day = try DigestDay.bounds(date: "2026-03-31", timeZone: "America/New_York")
        for _ in 0..<40 {
            let previous = try day.previous()
            #expect(previous.end == day.start)
            day = previous
        }
        #expect(day.date == "2026-02-19")
    }

    @Test("rejects dates that are not real days", arguments: ["2026-02-30", "2026-13-01", "2026-3-29", "29.03.2026", "", "2026-03-29T00:00"])
    func invalidDate(_ text: String) {
        #expect(throws: ReportsError.invalidDate(text)) { try DigestDay.bounds(date: text, timeZone: "Europe/Berlin") }
    }

    @Test func unknownTimeZone() {
        #expect(throws: ReportsError.unknownTimeZone("Europe/Atlantis")) {
            try DigestDay.bounds(date: "2026-03-29", timeZone: "Europe/Atlantis")
        }
        #expect(ReportsError.unknownTimeZone("Europe/Atlantis").description.contains("Europe/Atlantis"))
    }
}
