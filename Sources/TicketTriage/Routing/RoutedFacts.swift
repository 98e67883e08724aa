import Foundation
import TriageModel
import TriageRules
import TriageStore

/// Routing's side of the store's `RoutedFacts`: the facts of a rule subject, and the previous version they describe.
extension RoutedFacts {
    /// The facts of a subject as rules receive them (before any rule changed them).
    init(_ subject: RuleSubject) {
        let t = subject.ticket
        self.init(
            subject: t.subject, textDigest: RuleSubject.Version.digest(ofText: t.text), channel: t.channel,
            requesterEmail: t.requesterEmail, organization: t.organization, tags: t.tags, status: t.status,
            createdAt: t.createdAt?.timeIntervalSince1970, messageCount: t.messageCount, customFields: t.customFields,
            labelDepartment: t.labelDepartment, labelPriority: t.labelPriority,
            triage: subject.triage.map {
                Triage(department: $0.department, priority: $0.priority.rawValue, sentiment: $0.sentiment.rawValue,
                       language: $0.language, confidence: $0.confidence, needsHuman: $0.needsHuman,
                       backend: $0.backend.rawValue)
            })
    }

    /// The previous version for `RuleSubject.previous`. Triage fields rules cannot read (summary, model, prompt
    /// version) are empty.
    func previousVersion(source: String, externalID: String) -> RuleSubject.Version {
        let facts = TicketFacts(
            source: source, externalID: externalID, subject: subject, text: "", channel: channel,
            requesterEmail: requesterEmail, organization: organization, tags: tags, status: status,
            createdAt: createdAt.map(Date.init(timeIntervalSince1970:)), messageCount: messageCount,
            customFields: customFields, labelDepartment: labelDepartment, labelPriority: labelPriority)
        let result = triage.map {
            TriageResult(department: $0.department, priority: Priority(rawValue: $0.priority) ?? .normal,
                         sentiment: Sentiment(rawValue: $0.sentiment) ?? .neutral, language: $0.language,
                         confidence: $0.confidence, summary: "", needsHuman: $0.needsHuman,
                         backend: TriageBackend(rawValue: $0.backend) ?? .local, model: "", promptVersion: "")
        }
        return RuleSubject.Version(ticket: facts, triage: result, textDigest: textDigest)
    }
}
