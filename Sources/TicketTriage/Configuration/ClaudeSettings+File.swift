import Foundation
import TriageClassify

// How the `claude:` section of `triage.yml` is read: the file's keys live with the rest of the file format, in this
// module; TriageClassify only holds the settings and their defaults.

extension ClaudeSettings: Decodable {
    enum FileKeys: String, CodingKey {
        case model, effort, redaction, examples
        case escalationModel = "escalation_model"
        case maxTokens = "max_tokens"
        case summaryWords = "summary_words"
        case summaryLanguage = "summary_language"
        case confidenceThreshold = "confidence_threshold"
        case localThreshold = "local_threshold"
        case fallbackToLocal = "fallback_to_local"
        case requestTimeoutSeconds = "request_timeout_seconds"
        case idleTimeoutSeconds = "idle_timeout_seconds"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: FileKeys.self)
        let d = ClaudeSettings()
        let requestTimeout = try c.decodeIfPresent(Double.self, forKey: .requestTimeoutSeconds) ?? d.requestTimeoutSeconds
        let idleTimeout = try c.decodeIfPresent(Double.self, forKey: .idleTimeoutSeconds) ?? d.idleTimeoutSeconds
        for (key, value) in [(FileKeys.requestTimeoutSeconds, requestTimeout), (.idleTimeoutSeconds, idleTimeout)]
        where !(value > 0 && value <= 3600) {
            throw DecodingError.dataCorruptedError(forKey: key, in: c,
                debugDescription: "\(key.rawValue) must be a number of seconds above 0 and at most 3600, not \(value)")
        }
        self.init(model: try c.decodeIfPresent(String.self, forKey: .model) ?? d.model,
                  escalationModel: try c.decodeIfPresent(String.self, forKey: .escalationModel),
                  maxTokens: try c.decodeIfPresent(Int.self, forKey: .maxTokens) ?? d.maxTokens,
                  summaryWords: try c.decodeIfPresent(Int.self, forKey: .summaryWords) ?? d.summaryWords,
                  summaryLanguage: try c.decodeIfPresent(String.self, forKey: .summaryLanguage) ?? d.summaryLanguage,
                  effort: try c.decodeIfPresent(String.self, forKey: .effort) ?? d.effort,
                  confidenceThreshold: try c.decodeIfPresent(Double.self, forKey: .confidenceThreshold) ?? d.confidenceThreshold,
                  localThreshold: try c.decodeIfPresent(Double.self, forKey: .localThreshold) ?? d.localThreshold,
                  fallbackToLocal: try c.decodeIfPresent(Bool.self, forKey: .fallbackToLocal) ?? d.fallbackToLocal,
                  requestTimeoutSeconds: requestTimeout, idleTimeoutSeconds: idleTimeout,
                  redaction: try c.decodeIfPresent(RedactionSettings.self, forKey: .redaction) ?? d.redaction,
                  examples: try c.decodeIfPresent([PromptExample].self, forKey: .examples) ?? d.examples)
    }
}

extension RedactionSettings: Decodable {
    enum FileKeys: String, CodingKey {
        case emails, phones, cards, ibans, patterns
        case restoreInSummary = "restore_in_summary"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: FileKeys.self)
        self.init(emails: try c.decodeIfPresent(Bool.self, forKey: .emails) ?? true,
                  phones: try c.decodeIfPresent(Bool.self, forKey: .phones) ?? true,
                  cards: try c.decodeIfPresent(Bool.self, forKey: .cards) ?? true,
                  ibans: try c.decodeIfPresent(Bool.self, forKey: .ibans) ?? true,
                  patterns: try c.decodeIfPresent([PIIRedactor.Pattern].self, forKey: .patterns) ?? [],
                  restoreInSummary: try c.decodeIfPresent(Bool.self, forKey: .restoreInSummary) ?? true)
    }
}
