import Foundation
import Testing
import TriageReports

/// Timings of the pure stages, run only on request: `TRIAGE_TIMING=1 swift test --filter RenderTiming`.
@Suite("Render timing", .enabled(if: ProcessInfo.processInfo.environment["TRIAGE_TIMING"] == "1"))
struct RenderTiming {
    func measure(_ label: String, runs: Int, _ body: () throws -> Int) rethrows {
        let clock = ContinuousClock()
        var bytes = 0
        let elapsed = try clock.measure { for _ in 0..<runs { bytes = try body() } }
        let each = elapsed / runs
        print("timing \(label): \(each) per run (\(runs) runs, \(bytes) bytes/items)")
        #expect(bytes > 0)
    }

    @Test func renderEachFormat() throws {
        let data = try DigestFixture.data()
        let renderer = DigestRenderer()
        for format in DigestFormat.allCases {
            let template = try format.templateFileName.map { _ in
                try DigestTemplate.load(format: format, templatesDirectory: GoldenFile.templatesDirectory)
            }
            try measure("render \(format.rawValue)", runs: 50) {
                try template.map { renderer.render(data, template: $0) }.map(\.utf8.count)
                    ?? renderer.render(data, format: .json).utf8.count
            }
        }
    }

    @Test func themesOverManySubjects() {
        let phrases = ["password reset link expired", "invoice shows wrong VAT number", "refund not received yet",
                       "API returns 502 after deploy", "cannot log in with SSO", "order arrived damaged",
                       "upgrade plan pricing question", "export to CSV fails"]
        let documents = (0..<10_000).map { index in
            ThemeExtractor.Document(texts: ["Re: \(phrases[index % phrases.count]) #\(index)",
                                            "Customer says \(phrases[(index * 7) % phrases.count]) since Monday"])
        }
        measure("themes over 10,000 tickets", runs: 3) { ThemeExtractor().themes(in: documents).count }
    }
}
