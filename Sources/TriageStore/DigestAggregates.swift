import Foundation

/// What the store counts for one digest day: plain values, no database handle, no report types.
///
/// `TicketTriage` maps these into the report model; the store never imports the reports module.
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

    /// How many tickets carry one label.
    public struct Count: Sendable, Hashable {
        public var label: String
        public var count: Int

        public init(_ label: String, _ count: Int) {
            self.label = label
            self.count = count
        }
    }

    /// A ticket as lists in the digest name it.
    public struct TicketLine: Sendable, Hashable {
        /// `source:external_id`, the reference `triage show` accepts.
        public var reference: String
        public var subject: String
        /// The current triage department, else the human label, else `nil`.
        public var department: String?
    }

    /// One escalation created in the window.
    public struct Escalation: Sendable, Hashable {
        public var ticket: TicketLine
        public var ruleID: String
        public var team: String
        public var reason: String
    }

    /// A ticket whose current triage result asks for a human.
    public struct HumanReview: Sendable, Hashable {
        public var ticket: TicketLine
        public var reason: String
    }

    /// A new ticket that is urgent or negative, with its one-line summary.
    public struct Notable: Sendable, Hashable {
        public var ticket: TicketLine
        /// `urgent`, `high`, `normal` or `low` (the stored raw value).
        public var priority: String
        /// `negative`, `neutral` or `positive` (the stored raw value).
        public var sentiment: String
        public var summary: String
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

    /// Model usage and triage results recorded in the window.
    public struct TriageFigures: Sendable, Hashable {
        /// Distinct tickets that received a result in the window.
        public var ticketsTriaged: Int = 0
        /// Tickets created in the window that have a result for their current content, whenever it was stored.
        public var newTicketsTriaged: Int = 0
        public var byBackend: [Count] = []
        /// Results below the confidence threshold the query was given.
        public var lowConfidence: Int = 0
        public var calls: Int = 0
        public var batchCalls: Int = 0
        public var inputTokens: Int = 0
        public var outputTokens: Int = 0
        public var cacheReadTokens: Int = 0
        public var cacheWriteTokens: Int = 0
        public var cacheWrite1hTokens: Int = 0
        public var costUSD: Double = 0
        /// Calls recorded without a price (unknown model): their cost is not in `costUSD`.
        public var unpricedCalls: Int = 0
    }

    /// One import error reported by a run started in the window.
    public struct ImportFailure: Sendable, Hashable {
        public var file: String
        public var line: Int?
        public var record: Int?
        public var message: String
    }

    /// Import activity of the window.
    public struct Imports: Sendable, Hashable {
        /// New plus updated tickets stored by runs started in the window.
        public var storedRecords: Int = 0
        /// Records the runs could not import.
        public var failedRecords: Int = 0
        /// The first error diagnostics, oldest first (capped by the query).
        public var failures: [ImportFailure] = []
    }

    /// The headline numbers of one window (used for the previous day and the trend).
    public struct DayTotals: Sendable, Hashable {
        public var window: Window
        public var newTickets: Int
        public var solved: Int
        /// Tickets created before the window's end that are open now.
        public var stillOpen: Int
        public var escalations: Int
    }

    public var window: Window
    public var newTickets: Int
    public var byDepartment: [Count]
    public var byPriority: [Count]
    public var bySentiment: [Count]
    public var byChannel: [Count]
    public var byLanguage: [Count]
    public var solved: Int
    public var stillOpen: Int
    /// Open tickets per age range, in the order of the ranges asked for (ages at the window's end).
    public var backlog: [Int]
    public var escalations: [Escalation]
    public var needsHuman: [HumanReview]
    public var notable: [Notable]
    public var themeDocuments: [ThemeDocument]
    public var triage: TriageFigures
    public var imports: Imports
}

extension [DigestAggregates.Count] {
    /// Counts `labels`, largest first, ties by label.
    static func counting(_ labels: some Sequence<String>) -> [DigestAggregates.Count] {
        var counts: [String: Int] = [:]
        for label in labels { counts[label, default: 0] += 1 }
        return counts.map { DigestAggregates.Count($0.key, $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label }
    }
}
