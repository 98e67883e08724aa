import Foundation
import Testing
@testable import TriageImport

/// The spellings XML exports use, read by the one date parser every importer shares.
@Suite("FlexibleDateParser on XML spellings")
struct XMLDateSpellingTests {
    private static let utc = TimeZone(identifier: "UTC")!

    @Test("the timestamp spellings of exports", arguments: [
        ("2011-03-14T10:20:30Z", 1_300_098_030.0),
        ("2011-03-14T10:20:30.250Z", 1_300_098_030.25),
        ("2011-03-14T11:20:30+01:00", 1_300_098_030.0),
        ("2011/03/14 05:20:30 -0500", 1_300_098_030.0),
        ("2011-03-14 10:20:30 UTC", 1_300_098_030.0),
        ("2011-03-14T10:20", 1_300_097_999.0 + 1),
        ("2011-03-14", 1_300_060_800.0),
        ("1969-12-31T23:59:59Z", -1.0),
        ("2024-02-29T00:00:00Z", 1_709_164_800.0),
    ])
    func accepted(text: String, seconds: Double) {
        #expect(FlexibleDateParser(defaultTimeZone: Self.utc).date(from: text) == Date(timeIntervalSince1970: seconds))
    }

    @Test("garbage is rejected", arguments: ["yesterday", "2011-13-01", "2011-03-14T25:00:00Z", "2011-03-14T10:20:30 +99", "2011-03-14T10:20:30+15:00", "2011-03-14T10:20:30+01:75", "2011/03-14", "", "2011-03-14Tx"])
    func rejected(text: String) {
        #expect(FlexibleDateParser(defaultTimeZone: Self.utc).date(from: text) == nil)
    }

    @Test("a timestamp without a zone is read in the default zone")
    func defaultZone() throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        #expect(FlexibleDateParser(defaultTimeZone: berlin).date(from: " 2011-03-14 11:20:30\n") == Date(timeIntervalSince1970: 1_300_098_030))
    }
}
