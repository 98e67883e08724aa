import Foundation
import TriageModel
import Testing
import TriageReports

@Suite("DigestData JSON")
struct DigestDataJSONTests {
    @Test func roundTrips() throws {
        let data = try DigestFixture.data()
        let json = try data.encodeJSON()
        let decoded = try DigestData.decodeJSON(Data(json.utf8))
        #expect(decoded == data)
    }

    @Test func usesVersionedSnakeCaseSchemaWithISODates() throws {
        let json = try DigestFixture.data().encodeJSON()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["schema_version"] as? Int == DigestData.currentSchemaVersion)
        #expect(object["generated_at"] as? String == "2026-03-30T04:00:00Z")
        let day = try #require(object["day"] as? [String: Any])
        #expect(day["start"] as? String == "2026-03-28T23:00:00Z")
        #expect(json.contains("\"rule_id\" : \"billing-double-charge\""))
        #expect(json.contains("\"cost_usd\" : 0.4213"))
        #expect(json.contains("\"cache_read_input_tokens\" : 188400"))
    }

    @Test func keysAreSorted() throws {
        let json = try DigestFixture.data().encodeJSON()
        let topLevelKeys = json.split(separator: "\n")
            .filter { $0.hasPrefix("  \"") }
            .map { $0.dropFirst(3).prefix { $0 != "\"" } }
        #expect(topLevelKeys.count == 18)
        #expect(topLevelKeys == topLevelKeys.sorted())
    }

    @Test func readsDigestsWrittenBeforeTheSLAFlagAndBaseline() throws {
        var json = try DigestFixture.data().encodeJSON()
        json = json.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("  \"sla_configured\"") }.joined(separator: "\n")
        let data = try DigestData.decodeJSON(Data(json.utf8))
        #expect(data.slaConfigured)
        #expect(data.themeBaseline == ThemeBaseline(days: 28, tickets: 4_310))
        var unconfigured = try DigestFixture.data()
        unconfigured.slaConfigured = false
        unconfigured.themeBaseline = nil
        let decoded = try DigestData.decodeJSON(Data(try unconfigured.encodeJSON().utf8))
        #expect(decoded == unconfigured)
    }

    @Test func rejectsOtherSchemaVersions() throws {
        var json = try DigestFixture.data().encodeJSON()
        json = json.replacingOccurrences(of: "\"schema_version\" : 1", with: "\"schema_version\" : 99")
        #expect(throws: ReportsError.unsupportedSchemaVersion(found: 99, supported: 1)) {
            try DigestData.decodeJSON(Data(json.utf8))
        }
    }

    @Test func sharesAreDerivedFromRawCounts() throws {
        let figures = try DigestFixture.data().triage
        #expect(figures.batchShare == 27.0 / 81.0)
        #expect(figures.cacheReadShare == 188_400.0 / (41_200.0 + 188_400.0 + 3_100.0))
        #expect(TriageFigures(ticketsTriaged: 0).cacheReadShare == nil)
        #expect(TriageFigures(ticketsTriaged: 0).batchShare == nil)
    }
}
