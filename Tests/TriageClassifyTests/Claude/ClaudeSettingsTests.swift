import Foundation
import Testing
@testable import TriageClassify

@Suite struct ClaudeSettingsTests {
    @Test func settingsDecodeFromSnakeCaseWithDefaults() throws {
        let json = #"{"model":"claude-haiku-4-5","escalation_model":"claude-sonnet-5-5","summary_words":30,"redaction":{"phones":false}}"#
        let settings = try JSONDecoder().decode(ClaudeSettings.self, from: Data(json.utf8))
        #expect(settings.model == "claude-haiku-4-5")
        #expect(settings.escalationModel == "claude-sonnet-5-5")
        #expect(settings.summaryWords == 30)
        #expect(settings.maxTokens == ClaudeSettings().maxTokens)
        #expect(settings.redaction.phones == false && settings.redaction.emails == true)
        #expect(settings.examples == PromptExample.defaults)
    }

    @Test func emptySectionKeepsEveryDefault() throws {
        let settings = try JSONDecoder().decode(ClaudeSettings.self, from: Data("{}".utf8))
        #expect(settings == ClaudeSettings())
        #expect(settings.model == "claude-haiku-5-5")
        #expect(settings.redaction.restoreInSummary)
    }
}
