import Foundation
import Testing
import TriageModel
import TriageReports

/// Item by item, what a manager reads must not depend on when the digest was generated, and must not claim what
/// was not measured.
@Suite("Digest wording: times, SLA, work done, narrow screens")
struct DigestDayRelativeTests {
    let templates = GoldenFile.templatesDirectory

    func render(_ data: DigestData, _ format: DigestFormat) throws -> String {
        try DigestRenderer().render(data, format: format, templatesDirectory: templates)
    }

    @Test func slaTimesAreTheSameWheneverTheDigestIsGenerated() throws {
        let onTime = try DigestFixture.data()
        var late = onTime
        late.generatedAt = onTime.generatedAt.addingTimeInterval(12 * 86400 + 5 * 3600)
        for format in [DigestFormat.text, .markdown, .html] {
            let first = try render(onTime, format), second = try render(late, format)
            let strip = { (text: String) in text.split(separator: "\n").filter { !$0.contains("generated") }.joined(separator: "\n") }
            #expect(strip(first) == strip(second), "\(format)")
            #expect(!first.contains("overdue"), "\(format)")
            // At risk: due the morning after the day (Berlin), said relative to the day's end.
            #expect(first.contains("due 30 Mar 06:45, 6 h 45 min after the day"), "\(format)")
            #expect(first.contains("missed: due 29 Mar 22:40"), "\(format)")
        }
    }

    @Test func withoutAnSLAPolicyEveryFormatSaysNotConfigured() throws {
        var data = try DigestFixture.data()
        data.slaConfigured = false
        data.slaBreaches = []
        data.slaAtRisk = []
        for format in [DigestFormat.text, .markdown, .html] {
            let output = try render(data, format)
            #expect(output.contains("not configured"), "\(format)")
            #expect(!output.contains("SLA breaches (0)"), "\(format)")
            #expect(!output.contains("At risk (0)"), "\(format)")
            #expect(!output.contains("no SLA breaches"), "\(format)")
        }
        let text = try render(data, .text)
        #expect(text.contains("  SLA breaches: – (not configured)"))
    }

    @Test func aDayWithoutTriageWorkSaysSoInsteadOfAZeroTable() throws {
        var data = try DigestFixture.data()
        data.triage = TriageFigures(ticketsTriaged: 0)
        data.dataQuality = DataQuality()
        let text = try render(data, .text)
        #expect(text.contains("No triage ran on Sunday 29 March 2026."))
        #expect(text.contains("No imports ran that day."))
        #expect(!text.contains("Model calls"))
        let html = try render(data, .html)
        #expect(html.contains("No triage ran on Sunday 29 March 2026."))
        #expect(!html.contains("Model calls"))
        // With work, the figures are shown and labelled as that day's work.
        let busy = try render(try DigestFixture.data(), .text)
        #expect(busy.contains("TRIAGE WORK THAT DAY"))
        #expect(busy.contains("Model calls"))
        #expect(busy.contains("Imports run that day: 151 records stored, 2 failed."))
    }

    @Test func narrowScreensHideTheChartsAndKeepTheTables() throws {
        let html = try render(try DigestFixture.data(), .html)
        let style = try #require(html.range(of: "@media only screen and (max-width: 480px)"))
        #expect(html[style.upperBound...].prefix(200).contains(".chart { display: none !important; }"))
        // Every chart sits in a `chart` block, and each has a table with the same numbers.
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)
        #expect(html.components(separatedBy: "<div class=\"chart\"><svg").count - 1 == 2)
        #expect(html.contains("<td>Open at end</td>"))
        #expect(html.contains("class=\"half\""))
    }

    @Test func themesSayWhatTheyWereComparedWith() throws {
        let data = try DigestFixture.data()
        let text = try render(data, .text)
        #expect(text.contains("Phrases that set this day apart from the 28 days before it (4,310 tickets)."))
        #expect(text.contains("password reset (14 tickets; 10% of the day's tickets, 2% before)"))
        var rare = data
        rare.themes[0].baselineShare = 0.001
        #expect(try render(rare, .markdown).contains("10% of the day's tickets, \\<1% before"))
        var first = data
        first.themeBaseline = nil
        first.themes = data.themes.map { Theme(label: $0.label, tickets: $0.tickets, relatedPhrases: $0.relatedPhrases) }
        #expect(try render(first, .text).contains("No earlier tickets to compare with: the day's most frequent phrases."))
    }
}
