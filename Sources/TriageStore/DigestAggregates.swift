import Foundation
import TriageModel

/// What the store counts for one digest day, in the digest's own value types (`LabelCount`, `EscalationEntry`,
/// `NotableTicket`, `TriageFigures`, … in TriageModel), which the digest model takes as they are.
///
/// Lists are in display order (largest count first, ties by label) so output never depends on hash order.
public struct DigestAggregates: Sendable, Hashable {
    /// A half-open span of time `[start, end)`: one local day, already converted to instants by the caller.
    public struct Window: Sendable, Hashable {
        public var start: Date
        public var end: Date

        public init(start: Date, end: Date) {
            self.start = start
            self.end = end
        }
    }

    /// The texts of one new ticket, for theme extraction.
    public struct ThemeDocument: Sendable, Hashable {
        public var subject: String
        public var summary: String?
        public var tags: [String]

        public init(subject: String, summary: String?, tags: [String]) {
            self.subject = subject
            self.summary = summary
            self.tags = tags
        }
    }

    /// Import activity of the window.
    public struct Imports: Sendable, Hashable {
        /// New plus updated tickets stored by runs started in the window.
        public var storedRecords: Int = 0
        /// Records the runs could not import.
        public var failedRecords: Int = 0
        /// The first error diagnostics, oldest first (capped by the query).
        public var failures: [ImportFailureEntry] = []
    }

    public var window: Window
    public var newTickets: Int
    public var byDepartment: [LabelCount]
    public var byPriority: [LabelCount]
    public var bySentiment: [LabelCount]
    public var byChannel: [LabelCount]
    public var byLanguage: [LabelCount]
    public var solved: Int
    public var stillOpen: Int
    /// Open tickets per age range, in the order of the ranges asked for (ages at the window's end).
    public var backlog: [Int]
    public var escalations: [EscalationEntry]
    public var needsHuman: [HumanReviewEntry]
    public var notable: [NotableTicket]
    public var themeDocuments: [ThemeDocument]
    public var triage: TriageFigures
    public var imports: Imports
}
