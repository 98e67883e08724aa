import Foundation
import TriageModel

/// Everything one daily digest says, as plain values: the input of every renderer and the `--format json` output.
///
/// The store computes these aggregates and hands them in; nothing here touches a database. The JSON form is
/// versioned by ``schemaVersion`` (see ``DigestData/encodeJSON()``); lists are in display order.
public struct DigestData: Codable, Sendable, Hashable {
    /// The schema version this build writes and reads.
    public static let currentSchemaVersion = 1

    /// Version of the JSON schema (`schema_version`); bump on any incompatible change.
    public var schemaVersion: Int
    /// When the digest was computed. Only shown as such: ages, "overdue" and "due in" are measured from the end of
    /// ``day``, so a digest of a past day reads the same whenever it is generated.
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
    /// Whether an SLA policy was given. Without one the SLA lists are empty because nothing was measured, and
    /// the digest says "SLA not configured" rather than "no breaches".
    public var slaConfigured: Bool
    /// Tickets whose SLA target fell due during the day without an answer in time.
    public var slaBreaches: [SLAEntry]
    /// Open tickets whose SLA target falls due soon.
    public var slaAtRisk: [SLAEntry]
    /// Tickets triage or a routing rule flagged for a person during the day, still flagged now.
    public var needsHuman: [HumanReviewEntry]
    /// Urgent or negative tickets of the day, each with its one-line summary.
    public var notable: [NotableTicket]
    /// Phrases and tags distinctive of the day against the earlier weeks, grouped (see ``ThemeExtractor``).
    public var themes: [Theme]
    /// What the themes were compared with; `nil` when there were no earlier tickets (themes are then the day's
    /// most frequent phrases).
    public var themeBaseline: ThemeBaseline?
    /// Totals of the day before, for the change figures; `nil` when there is no history.
    public var previousDay: DayTotals?
    /// Totals of the last seven days, oldest first, ending with this day.
    public var trend: [DayTotals]
    /// Work done during the day (triage results stored, model calls made), whichever tickets it was for.
    public var triage: TriageFigures
    /// Import problems of the day.
    public var dataQuality: DataQuality

    public init(schemaVersion: Int = DigestData.currentSchemaVersion, generatedAt: Date, day: DigestDay,
                newTickets: NewTicketCounts, flow: TicketFlow, backlog: [AgeBucket] = [],
                escalations: [EscalationEntry] = [], slaConfigured: Bool = true, slaBreaches: [SLAEntry] = [],
                slaAtRisk: [SLAEntry] = [], needsHuman: [HumanReviewEntry] = [], notable: [NotableTicket] = [],
                themes: [Theme] = [], themeBaseline: ThemeBaseline? = nil, previousDay: DayTotals? = nil, trend: [DayTotals] = [], triage: TriageFigures,
                dataQuality: DataQuality = DataQuality()) {
        self.schemaVersion = schemaVersion
        self.generatedAt = generatedAt
        self.day = day
        self.newTickets = newTickets
        self.flow = flow
        self.backlog = backlog
        self.escalations = escalations
        self.slaConfigured = slaConfigured
        self.slaBreaches = slaBreaches
        self.slaAtRisk = slaAtRisk
        self.needsHuman = needsHuman
        self.notable = notable
        self.themes = themes
        self.themeBaseline = themeBaseline
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

extension DigestData {
    /// Reads every field; `sla_configured` and `theme_baseline`, added later to schema 1, may be missing (a digest
    /// written before them counted SLA only when a policy was given, so a missing flag reads as configured).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(schemaVersion: try c.decode(Int.self, forKey: .schemaVersion),
                  generatedAt: try c.decode(Date.self, forKey: .generatedAt),
                  day: try c.decode(DigestDay.self, forKey: .day),
                  newTickets: try c.decode(NewTicketCounts.self, forKey: .newTickets),
                  flow: try c.decode(TicketFlow.self, forKey: .flow),
                  backlog: try c.decode([AgeBucket].self, forKey: .backlog),
                  escalations: try c.decode([EscalationEntry].self, forKey: .escalations),
                  slaConfigured: try c.decodeIfPresent(Bool.self, forKey: .slaConfigured) ?? true,
                  slaBreaches: try c.decode([SLAEntry].self, forKey: .slaBreaches),
                  slaAtRisk: try c.decode([SLAEntry].self, forKey: .slaAtRisk),
                  needsHuman: try c.decode([HumanReviewEntry].self, forKey: .needsHuman),
                  notable: try c.decode([NotableTicket].self, forKey: .notable),
                  themes: try c.decode([Theme].self, forKey: .themes),
                  themeBaseline: try c.decodeIfPresent(ThemeBaseline.self, forKey: .themeBaseline),
                  previousDay: try c.decodeIfPresent(DayTotals.self, forKey: .previousDay),
                  trend: try c.decode([DayTotals].self, forKey: .trend),
                  triage: try c.decode(TriageFigures.self, forKey: .triage),
                  dataQuality: try c.decode(DataQuality.self, forKey: .dataQuality))
    }
}
