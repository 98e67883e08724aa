import Foundation

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
