import Foundation

/// A recurring topic of the day: a label phrase, the related phrases grouped under it, and how many tickets mention any.
public struct Theme: Codable, Sendable, Hashable {
    /// The phrase that names the group, e.g. `password reset`.
    public var label: String
    /// Distinct tickets mentioning the label or a grouped phrase.
    public var tickets: Int
    /// The other phrases grouped under the label, most frequent first.
    public var relatedPhrases: [String]

    public init(label: String, tickets: Int, relatedPhrases: [String] = []) {
        self.label = label
        self.tickets = tickets
        self.relatedPhrases = relatedPhrases
    }
}
