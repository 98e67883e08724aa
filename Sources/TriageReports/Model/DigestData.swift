import Foundation

/// Everything one daily digest says, as plain values: the input of every renderer and the `--format json` output.
///
/// The store computes these aggregates and hands them in; nothing here touches a database. The JSON form is
/// versioned by ``schemaVersion`` (see ``DigestData/encodeJSON()``); lists are in display order.
public struct DigestData: Codable, Sendable, Hashable {
    /// The schema version this build writes and reads.
    public static let currentSchemaVersion = 1

    /// Version of the JSON schema (`schema_version`); bump on any incompatible change.
    public var schemaVersion: Int
    /// When the digest was computed; ages and "overdue by" are measured from here.
    public var generatedAt: Date
    /// The day covered, in the configured time zone.
    public var day: DigestDay
    /// Tickets created during the day and how they split.
    public var newTickets: NewTicketCounts
    /// Tickets solved during the day and those still open at its end.
    public var flow: TicketFlow
    /// Open tickets at the end of the day by age, youngest bucket first.
    public var backlog: [AgeBucket]
    /// Escalations routing rules fired during the day.
    public var escalations: [EscalationEntry]
    /// Tickets past their SLA target at the end of the day.
    public var slaBreaches: [SLAEntry]
    /// Open tickets whose SLA target falls due soon.
    public var slaAtRisk: [SLAEntry]
    /// Tickets triage flagged for a person to look at.
    public var needsHuman: [HumanReviewEntry]
    /// Urgent or negative tickets of the day, each with its one-line summary.
    public var notable: [NotableTicket]
    /// Recurring phrases and tags of the day, grouped (see ``ThemeExtractor``).
    public var themes: [Theme]
    /// Totals of the day before, for the change figures; `nil` when there is no history.
    public var previousDay: DayTotals?
    /// Totals of the last seven days, oldest first, ending with this day.
    public var trend: [DayTotals]
    /// What the triage stage did and cost during the day.
    public var triage: TriageFigures
    /// Import problems of the day.
    public var dataQuality: DataQuality

    public init(schemaVersion: Int = DigestData.currentSchemaVersion, generatedAt: Date, day: DigestDay,
                newTickets: NewTicketCounts, flow: TicketFlow, backlog: [AgeBucket] = [],
                escalations: [EscalationEntry] = [], slaBreaches: [SLAEntry] = [], slaAtRisk: [SLAEntry] = [],
                needsHuman: [HumanReviewEntry] = [], notable: [NotableTicket] = [], themes: [Theme] = [],
                previousDay: DayTotals? = nil, trend: [DayTotals] = [], triage: TriageFigures,
                dataQuality: DataQuality = DataQuality()) {
        self.schemaVersion = schemaVersion
        self.generatedAt = generatedAt
        self.day = day
        self.newTickets = newTickets
        self.flow = flow
        self.backlog = backlog
        self.escalations = escalations
        self.slaBreaches = slaBreaches
        self.slaAtRisk = slaAtRisk
        self.needsHuman = needsHuman
        self.notable = notable
        self.themes = themes
        self.previousDay = previousDay
        self.trend = trend
        self.triage = triage
        self.dataQuality = dataQuality
    }

    /// This day's totals, in the shape of the trend entries.
    public var totals: DayTotals {
        DayTotals(date: day.date, newTickets: newTickets.total, solved: flow.solved, stillOpen: flow.stillOpen,
                  escalations: escalations.count, slaBreaches: slaBreaches.count)
    }
}
