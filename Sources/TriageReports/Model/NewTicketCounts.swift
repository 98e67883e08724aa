import Foundation
import TriageModel

/// Tickets created during the day, split by each dimension triage assigns or the import knows.
public struct NewTicketCounts: Codable, Sendable, Hashable {
    public var total: Int
    public var byDepartment: [LabelCount]
    public var byPriority: [LabelCount]
    public var bySentiment: [LabelCount]
    /// Import origin kind: `email`, `zendesk`, `web`…
    public var byChannel: [LabelCount]
    /// BCP 47 language tags.
    public var byLanguage: [LabelCount]

    public init(total: Int, byDepartment: [LabelCount] = [], byPriority: [LabelCount] = [],
                bySentiment: [LabelCount] = [], byChannel: [LabelCount] = [], byLanguage: [LabelCount] = []) {
        self.total = total
        self.byDepartment = byDepartment
        self.byPriority = byPriority
        self.bySentiment = bySentiment
        self.byChannel = byChannel
        self.byLanguage = byLanguage
    }
}
