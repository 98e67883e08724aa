import Foundation
import Testing
@testable import TicketTriage

@Suite struct TriageConfigurationTests {
    func error(_ yaml: String) -> String? {
        do {
            _ = try TriageConfiguration.parse(yaml: yaml, file: "triage.yml")
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func theDocumentedFileWithEveryKeyUncommentedIsAccepted() throws {
        // Uncomment every `# key: value` line of what `triage init` writes: each documented key must be read.
        let lines = DefaultConfiguration.yaml.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard let hash = line.firstIndex(of: "#") else { return String(line) }
            let after = line[line.index(after: hash)...]
            let indent = line[..<hash]
            let key = after.dropFirst().drop(while: { $0 == " " }).prefix(while: { $0 != ":" })
            guard indent.allSatisfy({ $0 == " " }), after.hasPrefix(" "), !key.isEmpty, after.contains(":"),
                  key.allSatisfy({ $0.isLowercase || $0 == "_" }), !after.contains("prefer") else { return String(line) }
            return String(indent) + String(after.dropFirst())
        }
        let yaml = lines.joined(separator: "\n")
            .replacingOccurrences(of: "# password: prefer the environment variable TRIAGE_SMTP_PASSWORD", with: "")
        let configuration = try TriageConfiguration.parse(yaml: yaml, file: "triage.yml")
        #expect(configuration.digestChatWebhook?.hasPrefix("https://") == true)
        #expect(try TriageConfiguration.parse(yaml: DefaultConfiguration.yaml, file: "triage.yml") == TriageConfiguration())
    }

    @Test func unknownKeysAreRejectedWithLineAndSuggestion() {
        let top = error("departmentz:\n  - name: Billing\n    description: money\n")
        #expect(top == "triage.yml: line 1: unknown key 'departmentz'; did you mean 'departments'?")
        let nested = error("import:\n  time_zone: UTC\n  max_record_byte: 10\n")
        #expect(nested == "triage.yml: line 3: unknown key 'import.max_record_byte'; did you mean 'max_record_bytes'?")
        let inList = error("departments:\n  - name: Billing\n    description: money\n    descriptions: more\n")
        #expect(inList?.contains("line 4: unknown key 'departments[0].descriptions'; did you mean 'description'?") == true)
        let deep = error("claude:\n  redaction: {emails: true, phonez: false}\n")
        #expect(deep?.contains("unknown key 'claude.redaction.phonez'") == true)
        #expect(error("zzzz: 1\n")?.contains("see `triage init`") == true)
    }

    @Test func negativeAndOutOfRangeValuesAreRejected() {
        #expect(error("import:\n  max_record_bytes: -1\n")?.contains("import.max_record_bytes is -1; it must be a positive number") == true)
        #expect(error("import:\n  thread_window_days: -3\n")?.contains("import.thread_window_days is -3.0") == true)
        #expect(error("import:\n  keep_attachments_up_to: -5\n")?.contains("keep_attachments_up_to") == true)
        #expect(error("needs_human_threshold: 1.5\n")?.contains("needs_human_threshold 1.5 is not a confidence: use a value from 0 to 1") == true)
        #expect(error("digest:\n  low_confidence_threshold: 0.5\n")?.contains("needs_human_threshold") == true)
        #expect(error("claude:\n  max_tokens: 0\n")?.contains("claude.max_tokens") == true)
    }

    @Test func syntaxAndTypeErrorsSayLineAndWhatWasExpectedInWords() {
        let syntax = error("import:\n  time_zone: UTC\n   team_addresses: [a\n")
        #expect(syntax?.contains("line ") == true)
        #expect(syntax?.contains("not valid YAML") == true)
        let type = error("import:\n  max_record_bytes: lots\n")
        #expect(type == "triage.yml: import.max_record_bytes (line 2): expected a whole number, found \"lots\"")
        #expect(type?.contains("Scalar") == false)
        let list = error("import:\n  team_addresses: 5\n")
        #expect(list?.contains("expected a list") == true)
        #expect(error("just text\n")?.contains("key: value") == true)
        #expect(error("") == nil)
    }
}
