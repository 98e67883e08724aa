import Foundation

/// A topic of the day: a label phrase, the related phrases grouped under it, and how many tickets mention any.
public struct Theme: Codable, Sendable, Hashable {
    /// The phrase that names the group, e.g. `password reset`.
    public var label: String
    /// Distinct tickets of the day mentioning the label or a grouped phrase.
    public var tickets: Int
    /// The other phrases grouped under the label, most distinctive first.
    public var relatedPhrases: [String]
    /// Share (0…1) of the baseline's tickets that mention the label; `nil` without a baseline.
    public var baselineShare: Double?

    public init(label: String, tickets: Int, relatedPhrases: [String] = [], baselineShare: Double? = nil) {
        self.label = label
        self.tickets = tickets
        self.relatedPhrases = relatedPhrases
        self.baselineShare = baselineShare
    }
}
