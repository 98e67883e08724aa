import Foundation
import TriageModel
import TriageReports
import TriageStore

/// Builds the digest model of one day from the store: the store counts (in the digest's value types), this adds
/// what the store does not know (SLA, themes, the trend's days) and assembles `DigestData`.
///
/// ```swift
/// let data = try DigestBuilder(store: store).build(date: "2026-11-25", timeZone: "Europe/Berlin")
/// let html = try DigestRenderer().render(data, format: .html, templatesDirectory: templates)
/// ```
public struct DigestBuilder: Sendable {
    public var store: TicketStore
    public var lowConfidenceThreshold: Double
    /// Days in the trend, ending with the digest's day.
    public var trendDays: Int
    /// Theme extraction reads at most this many of the day's tickets (evenly spaced), so a huge day stays fast.
    public var themeSampleLimit: Int
    public var themeExtractor: ThemeExtractor
    /// Themes are what sets the day apart from the tickets of this many days before it.
    public var themeBaselineDays: Int = 28
    /// At most this many of the baseline's tickets are read (evenly spaced).
    public var themeBaselineLimit: Int = 10_000
    /// The SLA section's policy (the rules file's `sla:`); `nil` leaves the section empty.
    public var sla: DigestSLA?

    public init(store: TicketStore, lowConfidenceThreshold: Double = NeedsHumanThreshold.default, trendDays: Int = 7,
                themeSampleLimit: Int = 5000, themeExtractor: ThemeExtractor = ThemeExtractor()) {
        self.store = store
        self.lowConfidenceThreshold = lowConfidenceThreshold
        self.trendDays = trendDays
        self.themeSampleLimit = themeSampleLimit
        self.themeExtractor = themeExtractor
    }

    /// The digest of `date` (`YYYY-MM-DD`) in the IANA zone `timeZone`.
    public func build(date: String, timeZone: String, generatedAt: Date = Date()) throws -> DigestData {
        try build(day: DigestDay.bounds(date: date, timeZone: timeZone), generatedAt: generatedAt)
    }

    /// The digest of `day`.
    public func build(day: DigestDay, generatedAt: Date = Date()) throws -> DigestData {
        let slaEntries = try sla?.entries(store: store, start: day.start, end: day.end) ?? ([], [])
        let aggregates = try store.digestAggregates(
            for: .init(start: day.start, end: day.end),
            ageRanges: AgeBucket.standardBounds.map { ($0.minimumHours, $0.maximumHours) },
            lowConfidenceThreshold: lowConfidenceThreshold)
        // Earlier days come from the store; the day itself from the aggregates already computed.
        var earlier: [DigestDay] = []
        while earlier.count < max(trendDays, 2) - 1 { earlier.insert(try (earlier.first ?? day).previous(), at: 0) }
        let themes = try themes(aggregates.themeDocuments, day: day)
        let dayTotals = try store.digestDayTotals(for: earlier.map { ($0.date, .init(start: $0.start, end: $0.end)) })
            + [DayTotals(date: day.date, newTickets: aggregates.newTickets, solved: aggregates.solved,
                         stillOpen: aggregates.stillOpen, escalations: aggregates.escalations.count,
                         slaBreaches: slaEntries.0.count)]
        return DigestData(
            generatedAt: generatedAt, day: day,
            newTickets: NewTicketCounts(total: aggregates.newTickets, byDepartment: aggregates.byDepartment,
                                        byPriority: aggregates.byPriority, bySentiment: aggregates.bySentiment,
                                        byChannel: aggregates.byChannel, byLanguage: aggregates.byLanguage),
            flow: TicketFlow(solved: aggregates.solved, stillOpen: aggregates.stillOpen),
            backlog: zip(AgeBucket.standardBounds, aggregates.backlog).map {
                AgeBucket(label: $0.0.label, minimumHours: $0.0.minimumHours, maximumHours: $0.0.maximumHours, count: $0.1)
            },
            escalations: aggregates.escalations,
            // From the rules file's SLA policy when one is configured (earlier days' trend points count 0).
            slaConfigured: sla != nil, slaBreaches: slaEntries.0, slaAtRisk: slaEntries.1,
            needsHuman: aggregates.needsHuman,
            notable: aggregates.notable,
            themes: themes.themes, themeBaseline: themes.baseline,
            previousDay: dayTotals.dropLast().last,
            trend: Array(dayTotals.suffix(trendDays)),
            triage: aggregates.triage,
            dataQuality: DataQuality(importedRecords: aggregates.imports.storedRecords,
                                     importFailures: aggregates.imports.failedRecords,
                                     failures: aggregates.imports.failures))
    }

    /// Themes of the day's tickets against the `themeBaselineDays` before it. Above `themeSampleLimit` tickets an
    /// evenly spaced sample of the day is read and its counts are scaled up to the whole day (an estimate, rounded),
    /// so the numbers stay comparable with the day's total.
    func themes(_ documents: [DigestAggregates.ThemeDocument], day: DigestDay) throws -> (themes: [Theme], baseline: ThemeBaseline?) {
        guard !documents.isEmpty else { return ([], nil) }
        let earlier = try store.digestThemeDocuments(
            for: .init(start: day.start.addingTimeInterval(-Double(max(0, themeBaselineDays)) * 86400), end: day.start),
            limit: themeBaselineLimit)
        let sample = Self.sample(documents, limit: themeSampleLimit)
        let document = { (item: DigestAggregates.ThemeDocument) in
            ThemeExtractor.Document(texts: [item.subject] + (item.summary.map { [$0] } ?? []), tags: item.tags)
        }
        let found = themeExtractor.themes(in: sample.map(document), comparedWith: earlier.documents.map(document))
        let baseline = earlier.total > 0 ? ThemeBaseline(days: themeBaselineDays, tickets: earlier.total) : nil
        guard sample.count < documents.count, !sample.isEmpty else { return (found, baseline) }
        let factor = Double(documents.count) / Double(sample.count)
        return (found.map {
            Theme(label: $0.label, tickets: Int((Double($0.tickets) * factor).rounded()), relatedPhrases: $0.relatedPhrases,
                  baselineShare: $0.baselineShare)
        }, baseline)
    }

    /// At most `limit` items, evenly spaced over the whole list (so a sample spans the whole day).
    public static func sample<T>(_ items: [T], limit: Int) -> [T] {
        guard limit > 0, items.count > limit else { return items }
        return (0..<limit).map { items[$0 * items.count / limit] }
    }
}

extension DigestBuilder {
    /// The local date before `now`'s in `timeZone` (`YYYY-MM-DD`): the day a morning cron job reports on.
    public static func yesterday(in timeZone: String, now: Date = Date()) throws -> String {
        let today = try DigestDay.bounds(date: DigestDay.localDate(of: now, timeZone: timeZone), timeZone: timeZone)
        return try today.previous().date
    }
}
