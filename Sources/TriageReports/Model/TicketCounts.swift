import Foundation

/// How many tickets carry one value of a dimension (a department, a priority, a channel…).
public struct LabelCount: Codable, Sendable, Hashable {
    public var label: String
    public var count: Int

    public init(_ label: String, _ count: Int) {
        self.label = label
        self.count = count
    }
}

extension [LabelCount] {
    /// The sum of the counts.
    public var total: Int { reduce(0) { $0 + $1.count } }

    /// Largest count first; ties in label order, so output never depends on dictionary order.
    public func sortedByCount() -> [LabelCount] {
        sorted { $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label }
    }
}

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

/// Tickets solved during the day, and open when it ended.
public struct TicketFlow: Codable, Sendable, Hashable {
    public var solved: Int
    public var stillOpen: Int

    public init(solved: Int, stillOpen: Int) {
        self.solved = solved
        self.stillOpen = stillOpen
    }
}

/// Open tickets whose age falls in `[minimumHours, maximumHours)`.
public struct AgeBucket: Codable, Sendable, Hashable {
    /// Display label, e.g. `1–3 days`.
    public var label: String
    public var minimumHours: Int
    /// `nil` for the open-ended oldest bucket.
    public var maximumHours: Int?
    public var count: Int

    public init(label: String, minimumHours: Int, maximumHours: Int?, count: Int) {
        self.label = label
        self.minimumHours = minimumHours
        self.maximumHours = maximumHours
        self.count = count
    }

    /// The buckets the digest uses by default, as `(label, minimum hours, maximum hours)`.
    public static let standardBounds: [(label: String, minimumHours: Int, maximumHours: Int?)] = [
        ("< 1 day", 0, 24), ("1–3 days", 24, 72), ("3–7 days", 72, 168), ("1–4 weeks", 168, 672), ("> 4 weeks", 672, nil),
    ]
}

/// One day's headline numbers, for the comparison with yesterday and the 7-day trend.
public struct DayTotals: Codable, Sendable, Hashable {
    /// Local date, `YYYY-MM-DD`.
    public var date: String
    public var newTickets: Int
    public var solved: Int
    public var stillOpen: Int
    public var escalations: Int
    public var slaBreaches: Int

    public init(date: String, newTickets: Int, solved: Int, stillOpen: Int, escalations: Int = 0, slaBreaches: Int = 0) {
        self.date = date
        self.newTickets = newTickets
        self.solved = solved
        self.stillOpen = stillOpen
        self.escalations = escalations
        self.slaBreaches = slaBreaches
    }
}
