import Foundation
import Testing
import TriageModel
import TriageImport

@Suite struct FlexibleDateParserTests {
    static let utc = FlexibleDateParser()

    @Test(arguments: [
        ("2026-11-19T08:02:11Z", 1_795_075_331.0),
        ("2026-11-19T08:02:11.250Z", 1_795_075_331.25),
        ("2026-11-19T09:02:11+01:00", 1_795_075_331.0),
        ("2026-11-19T09:02:11+0100", 1_795_075_331.0),
        ("2026-11-19T10:22:31.000+0000", 1_795_083_751.0),
        ("2012-09-06 12:18:55 -0800", 1_346_962_735.0),
        ("2026-11-19 08:02:11", 1_795_075_331.0),
        ("2026-11-19", 1_795_046_400.0),
        ("1795075331", 1_795_075_331.0),
        ("1795075331000", 1_795_075_331.0),
        ("2026-11-19T08:02:11 UTC", 1_795_075_331.0),
    ])
    func parses(_ text: String, _ expected: Double) throws {
        let date = try #require(Self.utc.date(from: text))
        #expect(abs(date.timeIntervalSince1970 - expected) < 0.001)
    }

    @Test func numbersAreEpochSecondsOrMilliseconds() {
        #expect(Self.utc.date(from: 1_795_075_331 as Any)?.timeIntervalSince1970 == 1_795_075_331)
        #expect(Self.utc.date(from: 1_795_075_331_500.0 as Any)?.timeIntervalSince1970 == 1_795_075_331.5)
    }

    @Test(arguments: ["", "yesterday", "2026-13-01", "2026-11-19T25:00:00Z", "2026-11-19T08:02:11+01:00 trailing", "19/11/2026"])
    func rejects(_ text: String) {
        #expect(Self.utc.date(from: text) == nil)
    }

    @Test func zonelessTimesUseTheDefaultZoneIncludingDST() throws {
        let berlin = FlexibleDateParser(defaultTimeZone: TimeZone(identifier: "Europe/Berlin")!)
        // Winter (UTC+1) and summer (UTC+2).
        #expect(berlin.date(from: "2026-01-15 12:00:00")?.timeIntervalSince1970 == 1_768_474_800)
        #expect(berlin.date(from: "2026-07-15 12:00:00")?.timeIntervalSince1970 == 1_784_109_600)
    }
}
