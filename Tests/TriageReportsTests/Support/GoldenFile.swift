import Foundation
import Testing

/// Compares rendered output with a golden file under `Fixtures/golden/`.
///
/// With `TRIAGE_RECORD_GOLDEN=1` the golden file in the source tree is (re)written instead and the test passes.
/// On a mismatch the failure shows the first differing lines, with line numbers.
enum GoldenFile {
    static let sourceFixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The package's `Templates/` folder.
    static let templatesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Templates").path

    static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if ProcessInfo.processInfo.environment["TRIAGE_RECORD_GOLDEN"] == "1" {
            let url = sourceFixtures.appendingPathComponent("golden").appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/golden"),
                               "missing golden file \(name): run the tests once with TRIAGE_RECORD_GOLDEN=1",
                               sourceLocation: sourceLocation)
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != actual {
            Issue.record(Comment(rawValue: "\(name) differs from its golden file (re-record with TRIAGE_RECORD_GOLDEN=1 "
                                     + "if the change is intended):\n" + diff(expected: expected, actual: actual)),
                         sourceLocation: sourceLocation)
        }
    }

    /// The first few differing lines, `-` expected and `+` actual.
    static func diff(expected: String, actual: String, limit: Int = 12) -> String {
        let old = expected.components(separatedBy: "\n"), new = actual.components(separatedBy: "\n")
        var report: [String] = []
        for index in 0..<max(old.count, new.count) where report.count < limit * 2 {
            let before = index < old.count ? old[index] : nil, after = index < new.count ? new[index] : nil
            guard before != after else { continue }
            if let before { report.append("line \(index + 1) - \(before)") }
            if let after { report.append("line \(index + 1) + \(after)") }
        }
        return report.joined(separator: "\n")
    }
}
