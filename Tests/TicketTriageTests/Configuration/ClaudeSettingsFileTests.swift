import AnthropicClient
import Foundation
import Testing
import TriageClassify
@testable import TicketTriage

@Suite struct ClaudeSettingsFileTests {
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

    @Test func timeoutsDecodeDefaultAndReachTheClientConfiguration() throws {
        let defaults = ClaudeSettings()
        #expect(defaults.requestTimeoutSeconds == 120 && defaults.idleTimeoutSeconds == 60)
        let json = #"{"request_timeout_seconds": 45, "idle_timeout_seconds": 7.5}"#
        let settings = try JSONDecoder().decode(ClaudeSettings.self, from: Data(json.utf8))
        var configuration = AnthropicConfiguration(apiKey: APIKey("sk-test"))
        #expect(configuration.maxConcurrentRequests == 16)
        settings.apply(to: &configuration, concurrency: 64)
        #expect(configuration.timeout == .seconds(45))
        #expect(configuration.idleTimeout == .milliseconds(7500))
        #expect(configuration.maxConcurrentRequests == 64)
    }

    @Test func anUnusableTimeoutIsRejectedNamingTheKey() throws {
        for bad in [#"{"request_timeout_seconds": 0}"#, #"{"idle_timeout_seconds": -3}"#, #"{"idle_timeout_seconds": 100000}"#] {
            do {
                _ = try JSONDecoder().decode(ClaudeSettings.self, from: Data(bad.utf8))
                Issue.record("accepted \(bad)")
            } catch {
                #expect("\(error)".contains("timeout_seconds"))
            }
        }
    }
}
