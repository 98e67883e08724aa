import Foundation
import Testing
import TriageClassify
import TriageModel
@testable import TicketTriage

@Suite("needs_human_threshold")
struct NeedsHumanThresholdTests {
    static func load(_ yaml: String) throws -> TriageConfiguration {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("triage-\(UUID().uuidString).yml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try TriageConfiguration.load(from: url)
    }

    @Test func oneSettingDrivesClaudeAndTheDigest() throws {
        let configuration = try Self.load("needs_human_threshold: 0.42\n")
        #expect(configuration.needsHumanThreshold == 0.42)
        #expect(configuration.claude.confidenceThreshold == 0.42)
        #expect(configuration.digest.lowConfidenceThreshold == 0.42)
        var changed = configuration
        changed.needsHumanThreshold = 0.7
        #expect(changed.claude.confidenceThreshold == 0.7)
        #expect(changed.digest.lowConfidenceThreshold == 0.7)
    }

    @Test func theDefaultIsTheSameEverywhere() throws {
        let configuration = try Self.load("rules: rules.yml\n")
        #expect(configuration.needsHumanThreshold == NeedsHumanThreshold.default)
        #expect(configuration.claude.confidenceThreshold == NeedsHumanThreshold.default)
        #expect(configuration.digest.lowConfidenceThreshold == NeedsHumanThreshold.default)
        #expect(TriageConfiguration().claude.confidenceThreshold == NeedsHumanThreshold.default)
        #expect(TriageConfiguration().digest.lowConfidenceThreshold == NeedsHumanThreshold.default)
    }

    @Test(arguments: [("digest:\n  low_confidence_threshold: 0.6\n", "low_confidence_threshold"),
                      ("claude:\n  confidence_threshold: 0.6\n", "confidence_threshold")])
    func theOldPerSectionKeysSayWhereTheValueMoved(yaml: String, key: String) {
        let error = #expect(throws: ConfigurationError.self) { try Self.load(yaml) }
        #expect(error?.message.contains(key) == true)
        #expect(error?.message.contains("needs_human_threshold") == true)
    }

    @Test func aValueOutsideZeroToOneIsRefused() {
        let error = #expect(throws: ConfigurationError.self) { try Self.load("needs_human_threshold: 1.5\n") }
        #expect(error?.message.contains("needs_human_threshold") == true)
    }

    @Test func theGeneratedConfigurationStillLoads() throws {
        let text = DefaultConfiguration.yaml
        #expect(text.contains("needs_human_threshold"))
        #expect(!text.contains("low_confidence_threshold"))
        #expect(try Self.load(text).needsHumanThreshold == NeedsHumanThreshold.default)
    }
}
