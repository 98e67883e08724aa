import AnthropicClient
import Foundation
import Logging
import Testing
import TriageClassify
import TriageModel
import TriageTestSupport

/// Shared set-up of the Claude tests: the project's prompt templates, classifiers against the fake, golden files.
enum ClaudeFixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func prompt() throws -> ClaudePromptTemplate {
        try ClaudePromptTemplate.load(directory: repositoryRoot.appendingPathComponent("Templates/prompts").path)
    }

    static func classifier(_ mock: MockAnthropicServer, settings: ClaudeSettings = ClaudeSettings(), model: String? = nil,
                           maxRetries: Int = 2) throws -> ClaudeClassifier {
        let client = AnthropicClient(configuration: mock.configuration(maxRetries: maxRetries), clock: .immediate)
        return try ClaudeClassifier(client: client, settings: settings, departments: Department.defaults, prompt: try prompt(),
                                    model: model, logger: Logger(label: "test"))
    }

    /// A valid answer for the default departments, with fields overridable.
    static func answer(department: String = "Billing", priority: String = "normal", confidence: Double = 0.9,
                       summary: String = "The customer asks about an invoice.", language: String = "en") -> String {
        let object: [String: Any] = [
            "department": department, "priority": priority, "sentiment": "neutral", "language": language,
            "confidence": confidence, "summary": summary, "needs_human": false, "needs_human_reason": "",
        ]
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static func ticket(_ id: Int64, subject: String = "Invoice question", body: String) -> TicketText {
        TicketText(ticketID: id, subject: subject, body: "Customer: " + body, channel: "email")
    }

    // MARK: - Golden files

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Compares `actual` with the golden file `name`; `RECORD_GOLDEN=1` rewrites it. On mismatch the first
    /// differing line is shown.
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = fixtures.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        guard expected != actual else { return }
        let a = actual.components(separatedBy: "\n"), e = expected.components(separatedBy: "\n")
        let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        Issue.record("golden \(name) differs at line \(line + 1):\n  expected: \(line < e.count ? e[line] : "<end>")\n  actual:   \(line < a.count ? a[line] : "<end>")\n(RECORD_GOLDEN=1 re-records)",
                     sourceLocation: sourceLocation)
    }
}

extension ClientClock {
    /// Retries without real waiting.
    static let immediate = ClientClock(sleep: { _ in }, now: { Date() }, random: { 0.5 })
}
