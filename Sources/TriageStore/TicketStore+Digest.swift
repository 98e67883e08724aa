import Foundation
import GRDB
import TriageModel

extension TicketStore {
    /// Statuses that mean a ticket is done (compared lower-cased); any other status, or none, is open.
    public static let closedStatuses = ["solved", "closed", "resolved"]

    // The exact predicates the v2 partial indexes are declared with: SQLite uses a partial index only when the
    // query repeats its WHERE term.
    static let openPredicate = "(t.status IS NULL OR lower(t.status) NOT IN ('solved', 'closed', 'resolved'))"
    static let closedPredicate = "lower(t.status) IN ('solved', 'closed', 'resolved')"
    /// Department of a ticket: its current result's, else the human label, else `Untriaged`.
    static let departmentExpression = "coalesce(r.department, t.label_department, 'Untriaged')"
    /// Joins the result for the ticket's current content (none when the content changed since triage).
    static let currentResultJoin = "LEFT JOIN triage_results r ON r.ticket_id = t.id AND r.content_hash = t.content_hash"

    // MARK: - Digest

    /// Counts everything the digest shows for `window`.
    ///
    /// - Parameters:
    ///   - ageRanges: backlog buckets in hours (`maximumHours` `nil`: open-ended); ages are taken at `window.end`.
    ///   - lowConfidenceThreshold: results below it count as low confidence.
    ///   - importFailureLimit: at most this many import errors are listed (all are counted).
    public func digestAggregates(for window: DigestAggregates.Window,
                                 ageRanges: [(minimumHours: Int, maximumHours: Int?)],
                                 lowConfidenceThreshold: Double = NeedsHumanThreshold.default,
                                 importFailureLimit: Int = 50) throws -> DigestAggregates {
        try read("computing the digest aggregates") { db in
            let start = SQLDate.string(window.start)
            let end = SQLDate.string(window.end)
            let new = try Self.newTickets(start: start, end: end, db)
            var triage = try Self.triageFigures(start: start, end: end, threshold: lowConfidenceThreshold, db)
            triage.newTicketsTriaged = new.triaged
            return DigestAggregates(
                window: window, newTickets: new.total,
                byDepartment: new.departments, byPriority: new.priorities, bySentiment: new.sentiments,
                byChannel: new.channels, byLanguage: new.languages,
                solved: try Self.solvedCount(start: start, end: end, db),
                stillOpen: try Self.openCount(createdBefore: end, db),
                backlog: try Self.backlog(at: window.end, ranges: ageRanges, db),
                escalations: try Self.escalations(start: start, end: end, db),
                needsHuman: try Self.needsHuman(start: start, end: end, db),
                notable: new.notable, themeDocuments: new.documents,
                triage: triage,
                imports: try Self.imports(start: start, end: end, limit: importFailureLimit, db))
        }
    }

    /// The headline numbers of each day (previous day, 7-day trend), in the order given: `date` names the day in
    /// the result, `window` is its span. SLA breaches are not the store's to count (they are left 0).
    public func digestDayTotals(for days: [(date: String, window: DigestAggregates.Window)]) throws -> [DayTotals] {
        try read("computing daily totals") { db in
            try days.map { day in
                let start = SQLDate.string(day.window.start)
                let end = SQLDate.string(day.window.end)
                return DayTotals(
                    date: day.date,
                    newTickets: try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets WHERE created_at >= ? AND created_at < ?",
                                                 arguments: [start, end]) ?? 0,
                    solved: try Self.solvedCount(start: start, end: end, db),
                    stillOpen: try Self.openCount(createdBefore: end, db),
                    escalations: try Int.fetchOne(db, sql: "SELECT count(*) FROM escalations WHERE created_at >= ? AND created_at < ?",
                                                  arguments: [start, end]) ?? 0)
            }
        }
    }

    // MARK: - Sent digests

    /// When the digest of `day` in `timeZone` went out on `channel`, or `nil` if it never did.
    public func digestSentAt(day: String, timeZone: String, channel: String) throws -> Date? {
        try read("reading the digest record") { db in
            try String.fetchOne(db, sql: "SELECT sent_at FROM digests WHERE day = ? AND time_zone = ? AND channel = ?",
                                arguments: [day, timeZone, channel]).flatMap(SQLDate.date)
        }
    }

    /// Records that the digest of `day` went out on `channel` (a forced resend replaces the earlier record).
    public func recordDigestSent(day: String, timeZone: String, channel: String, detail: String?, at date: Date = Date()) throws {
        try write("recording the sent digest") { db in
            try db.execute(sql: """
                INSERT INTO digests (day, time_zone, channel, sent_at, detail) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (day, time_zone, channel) DO UPDATE SET sent_at = excluded.sent_at, detail = excluded.detail
                """, arguments: [day, timeZone, channel, SQLDate.string(date), detail])
        }
    }
}
