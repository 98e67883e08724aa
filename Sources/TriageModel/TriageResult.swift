import Foundation

/// Which kind of classifier produced a result.
public enum TriageBackend: String, Codable, Sendable, CaseIterable {
    /// The built-in offline model.
    case local
    /// Claude through the Messages API.
    case claude
    /// Claude through the Message Batches API.
    case claudeBatch = "claude-batch"
}

/// What triage decided about one ticket's content version.
public struct TriageResult: Codable, Sendable, Hashable {
    public var department: String
    public var priority: Priority
    public var sentiment: Sentiment
    /// BCP 47 language tag (`en`, `de`, `pt-BR`).
    public var language: String
    /// 0…1: how sure the classifier is of the department.
    public var confidence: Double
    public var summary: String
    public var needsHuman: Bool
    public var needsHumanReason: String?
    public var backend: TriageBackend
    public var model: String
    /// Identifies the prompt template or local model version behind the result.
    public var promptVersion: String

    public init(department: String, priority: Priority, sentiment: Sentiment, language: String,
                confidence: Double, summary: String, needsHuman: Bool = false, needsHumanReason: String? = nil,
                backend: TriageBackend, model: String, promptVersion: String) {
        self.department = department
        self.priority = priority
        self.sentiment = sentiment
        self.language = language
        self.confidence = confidence
        self.summary = summary
        self.needsHuman = needsHuman
        self.needsHumanReason = needsHumanReason
        self.backend = backend
        self.model = model
        self.promptVersion = promptVersion
    }
}

/// An escalation a routing rule decided on.
public struct Escalation: Codable, Sendable, Hashable {
    public var team: String
    public var reason: String
    public var ruleID: String

    public init(team: String, reason: String, ruleID: String) {
        self.team = team
        self.reason = reason
        self.ruleID = ruleID
    }
}
