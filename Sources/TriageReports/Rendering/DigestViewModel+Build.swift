import Foundation
import TriageModel

extension DigestViewModel {
    /// Builds the view of `data` for `format`.
    /// - Parameters:
    ///   - summary: the executive summary to show; `nil` composes one from the numbers (``ExecutiveSummary``).
    ///     Treated as untrusted text and escaped like ticket text.
    ///   - maximumRows: ticket lists longer than this are cut, with "and N more".
    public init(data: DigestData, format: DigestFormat, summary: String? = nil, maximumRows: Int = 25) {
        let escape = Self.escaper(for: format)
        let chart = SVGChart()
        let zone = data.day.timeZone
        title = "Support digest"
        date = data.day.date
        dateLong = CalendarText.long(data.day.date)
        timeZone = data.day.timeZone
        switch data.day.hours {
        case 24: dayNote = nil
        case ..<24: dayNote = "\(data.day.hours)-hour day (clocks went forward)"
        default: dayNote = "\(data.day.hours)-hour day (clocks went back)"
        }
        generatedAt = CalendarText.localTime(data.generatedAt, timeZone: zone)
        schemaVersion = data.schemaVersion
        self.summary = escape(summary ?? ExecutiveSummary.compose(from: data))
        kpis = Self.kpis(today: data.totals, previous: data.previousDay, slaConfigured: data.slaConfigured)
        slaConfigured = data.slaConfigured

        let counts = data.newTickets
        departments = Self.breakdown("New tickets by department", counts.byDepartment, escape: escape,
                                     chart: { chart.bars($0, title: "New tickets by department") })
        priorities = Self.breakdown("Priority", Self.ordered(counts.byPriority, Priority.allCases.map(\.rawValue)), escape: escape)
        sentiments = Self.breakdown("Sentiment", Self.ordered(counts.bySentiment, Sentiment.allCases.map(\.rawValue)), escape: escape)
        channels = Self.breakdown("Channel", counts.byChannel, escape: escape)
        languages = Self.breakdown("Language", counts.byLanguage, escape: escape)
        backlog = Self.breakdown("Open tickets by age", data.backlog.map { LabelCount($0.label, $0.count) },
                                 escape: escape, keepOrder: true)
        breakdownPairs = [BreakdownPair(left: priorities, right: sentiments),
                          BreakdownPair(left: channels, right: languages)]
        trend = Self.trend(data.trend, today: data.day.date, chart: chart)

        let limit = max(1, maximumRows)
        let idWidth = { (ids: [String]) in ids.prefix(limit).map { escape($0).count }.max() ?? 0 }
        let escalationIDs = idWidth(data.escalations.map(\.ticket.id))
        escalations = Self.section(data.escalations, limit: limit) {
            EscalationRow(id: escape($0.ticket.id), idPadded: TextTable.pad(escape($0.ticket.id), to: escalationIDs), idIndent: String(repeating: " ", count: escalationIDs),
                          subject: escape($0.ticket.subject), rule: escape($0.ruleID), team: escape($0.team),
                          reason: escape($0.reason))
        }
        let slaIDs = idWidth((data.slaBreaches + data.slaAtRisk).map(\.ticket.id))
        let slaRow = { (entry: SLAEntry, breached: Bool) in
            SLARow(id: escape(entry.ticket.id), idPadded: TextTable.pad(escape(entry.ticket.id), to: slaIDs), idIndent: String(repeating: " ", count: slaIDs),
                   subject: escape(entry.ticket.subject), target: escape(entry.target),
                   priority: entry.priority.rawValue, due: CalendarText.localTime(entry.dueAt, timeZone: zone),
                   status: Self.slaStatus(due: entry.dueAt, breached: breached, dayEnd: data.day.end, timeZone: zone))
        }
        slaBreaches = Self.section(data.slaBreaches, limit: limit) { slaRow($0, true) }
        slaAtRisk = Self.section(data.slaAtRisk, limit: limit) { slaRow($0, false) }
        let reviewIDs = idWidth(data.needsHuman.map(\.ticket.id))
        needsHuman = Self.section(data.needsHuman, limit: limit) {
            ReviewRow(id: escape($0.ticket.id), idPadded: TextTable.pad(escape($0.ticket.id), to: reviewIDs), idIndent: String(repeating: " ", count: reviewIDs),
                      subject: escape($0.ticket.subject), reason: escape($0.reason))
        }
        let notableIDs = idWidth(data.notable.map(\.ticket.id))
        notable = Self.section(data.notable, limit: limit) {
            NotableRow(id: escape($0.ticket.id), idPadded: TextTable.pad(escape($0.ticket.id), to: notableIDs), idIndent: String(repeating: " ", count: notableIDs),
                       subject: escape($0.ticket.subject), department: escape($0.ticket.department ?? "–"),
                       priority: $0.priority.rawValue, sentiment: $0.sentiment.rawValue, summary: escape($0.summary),
                       isUrgent: $0.priority == .urgent, isNegative: $0.sentiment == .negative)
        }
        themes = Self.section(data.themes, limit: limit) { theme in
            let related = theme.relatedPhrases.prefix(4).map(escape).joined(separator: ", ")
            // Escaped too: in Markdown a share below 1% reads `<1%`, and every `<` there is escaped.
            let comparison = theme.baselineShare.map { share in
                escape("\(NumberText.percent(theme.tickets, of: data.newTickets.total)) of the day's tickets, \(NumberText.percent(share)) before")
            } ?? ""
            return ThemeRow(label: escape(theme.label), tickets: NumberText.count(theme.tickets), comparison: comparison,
                            anyComparison: !comparison.isEmpty, related: related, anyRelated: !related.isEmpty)
        }
        themesNote = Self.themesNote(data.themeBaseline)
        triage = Self.triage(data.triage, day: dateLong, newTickets: data.newTickets.total, escape: escape)
        let failures = data.dataQuality.failures
        dataQuality = QualityView(
            anyImports: data.dataQuality.importedRecords > 0 || data.dataQuality.importFailures > 0,
            importedRecords: NumberText.count(data.dataQuality.importedRecords),
            importFailures: NumberText.count(data.dataQuality.importFailures),
            anyFailures: data.dataQuality.importFailures > 0,
            failures: failures.prefix(limit).map { FailureRow(location: escape($0.location), message: escape($0.message)) },
            more: max(0, data.dataQuality.importFailures - min(limit, failures.count)),
            anyMore: data.dataQuality.importFailures > min(limit, failures.count))
    }

    // MARK: - Pieces

    /// One line always; Markdown specials escaped for Markdown. HTML escaping is Mustache's job.
    static func escaper(for format: DigestFormat) -> @Sendable (String) -> String {
        if format == .markdown { return { TextEscaping.markdown(TextEscaping.oneLine($0)) } }
        return { TextEscaping.oneLine($0) }
    }

    /// Where an SLA target stands, in words that do not depend on when the digest is generated: the local due
    /// time, and for a target still ahead when the day ended, how long after the day's end it falls due.
    static func slaStatus(due: Date, breached: Bool, dayEnd: Date, timeZone: String) -> String {
        let when = CalendarText.dayAndTime(due, timeZone: timeZone)
        if breached { return "missed: due \(when)" }
        guard due > dayEnd else { return "due \(when)" }
        let minutes = Int((due.timeIntervalSince(dayEnd) / 60).rounded())
        return "due \(when), \(NumberText.duration(minutes: minutes)) after the day's end"
    }

    static func kpis(today: DayTotals, previous: DayTotals?, slaConfigured: Bool = true) -> [Kpi] {
        // (label, today, yesterday, whether a rise is good news)
        let figures: [(String, Int, Int?, Bool)] = [
            ("New tickets", today.newTickets, previous?.newTickets, false),
            ("Solved", today.solved, previous?.solved, true),
            ("Still open", today.stillOpen, previous?.stillOpen, false),
            ("Escalations", today.escalations, previous?.escalations, false),
            ("SLA breaches", today.slaBreaches, previous?.slaBreaches, false),
        ]
        return figures.map { label, value, before, riseIsGood in
            if label == "SLA breaches", !slaConfigured {
                return Kpi(label: label, value: "–", change: nil, changeColor: "#777777", direction: "flat", note: "not configured")
            }
            let change = before.flatMap { NumberText.change(from: $0, to: value) }
            let direction = before.map { value > $0 ? "up" : value < $0 ? "down" : "flat" } ?? "flat"
            let good = direction == "flat" ? nil : (direction == "up") == riseIsGood
            return Kpi(label: label, value: NumberText.count(value), change: change,
                       changeColor: good == nil ? "#777777" : good == true ? "#1e8449" : "#c0392b", direction: direction, note: nil)
        }
    }

    static func breakdown(_ title: String, _ items: [LabelCount], escape: (String) -> String, keepOrder: Bool = false,
                          chart: (([LabelCount]) -> String)? = nil) -> Breakdown {
        let sorted = (keepOrder ? items : items.sortedByCount())
        let total = items.total
        let maximum = sorted.map(\.count).max() ?? 0
        let rows = sorted.enumerated().map { index, item in
            BreakdownRow(label: escape(item.label), count: NumberText.count(item.count),
                         percent: NumberText.percent(item.count, of: total),
                         barWidth: maximum > 0 ? Int((Double(item.count) / Double(maximum) * 100).rounded()) : 0,
                         first: index == 0)
        }
        let lines = TextTable(rows: zip(rows, sorted).map { row, item in
            [row.label, row.count, row.percent, TextTable.bar(item.count, of: maximum)]
        }, rightAligned: [1, 2], indent: "  ").lines()
        let labelled = sorted.map { LabelCount(TextEscaping.oneLine($0.label), $0.count) }
        return Breakdown(title: title, rows: rows, any: !rows.isEmpty, total: NumberText.count(total), lines: lines,
                         chartSVG: rows.isEmpty ? "" : chart?(labelled) ?? "")
    }

    /// Known values in their natural order (urgent before low), unknown ones after, by count.
    static func ordered(_ items: [LabelCount], _ order: [String]) -> [LabelCount] {
        let known = order.compactMap { key in items.first { $0.label == key } }
        return known + items.filter { !order.contains($0.label) }.sortedByCount()
    }

    static func trend(_ days: [DayTotals], today: String, chart: SVGChart) -> Trend {
        let rows = days.map {
            TrendRow(date: $0.date, label: CalendarText.short($0.date), newTickets: NumberText.count($0.newTickets),
                     solved: NumberText.count($0.solved), stillOpen: NumberText.count($0.stillOpen),
                     isToday: $0.date == today)
        }
        let lines = TextTable(rows: [["day", "new", "solved", "open"]] + rows.map {
            [$0.label, $0.newTickets, $0.solved, $0.stillOpen]
        }, rightAligned: [1, 2, 3], indent: "  ").lines()
        let title = "New, solved and open tickets, last \(days.count) days"
        let svg = days.isEmpty ? "" : chart.lines(labels: rows.map(\.label), series: [
            SVGChart.Series(name: "New", values: days.map(\.newTickets), color: chart.barColor),
            SVGChart.Series(name: "Solved", values: days.map(\.solved), color: chart.secondaryColor, dashed: true),
            SVGChart.Series(name: "Open", values: days.map(\.stillOpen), color: "#e67e22"),
        ], title: title)
        return Trend(rows: rows, any: !rows.isEmpty, lines: lines, chartSVG: svg, chartTitle: title)
    }

    static func section<Item, Row: Sendable>(_ items: [Item], limit: Int, row: (Item) -> Row) -> Section<Row> {
        let rows = items.prefix(limit).map(row)
        return Section(rows: rows, any: !rows.isEmpty, count: NumberText.count(items.count),
                       more: items.count - rows.count, anyMore: items.count > rows.count)
    }

    /// What the themes were compared with.
    static func themesNote(_ baseline: ThemeBaseline?) -> String {
        guard let baseline else { return "No earlier tickets to compare with: the day's most frequent phrases." }
        let tickets = baseline.tickets == 1 ? "1 ticket" : "\(NumberText.count(baseline.tickets)) tickets"
        return "Phrases that set this day apart from the \(baseline.days) days before it (\(tickets))."
    }

    static func triage(_ figures: TriageFigures, day: String = "", newTickets: Int = 0, escape: (String) -> String) -> TriageView {
        let tokens = figures.tokens
        let view = (
            triaged: NumberText.count(figures.ticketsTriaged),
            low: NumberText.count(figures.lowConfidence),
            threshold: String(format: "%.2f", figures.lowConfidenceThreshold),
            cost: NumberText.usd(figures.costUSD),
            cache: figures.cacheReadShare.map(NumberText.percent) ?? "–",
            batch: figures.batchShare.map(NumberText.percent) ?? "–"
        )
        let lines = TextTable(rows: [
            ["Tickets triaged", view.triaged],
            ["Low confidence (< \(view.threshold))", view.low],
            ["Model calls", NumberText.count(figures.calls)],
            ["Tokens in / out", NumberText.tokens(tokens.totalInputTokens) + " / " + NumberText.tokens(tokens.outputTokens)],
            ["Cache-read share", view.cache],
            ["Batch share", view.batch],
            ["Cost", view.cost],
        ], rightAligned: [1], indent: "  ").lines()
        return TriageView(
            anyWork: figures.ticketsTriaged > 0 || figures.calls > 0, day: day,
            coverage: figures.newTicketsTriaged.map {
                "\(NumberText.count($0)) of the day's \(NumberText.count(newTickets)) new tickets have a triage result (whenever triage ran)."
            },
            ticketsTriaged: view.triaged,
            backends: breakdown("Results by backend", figures.byBackend, escape: escape),
            lowConfidence: view.low, lowConfidenceThreshold: view.threshold,
            calls: NumberText.count(figures.calls),
            inputTokens: NumberText.tokens(tokens.totalInputTokens), outputTokens: NumberText.tokens(tokens.outputTokens),
            cacheReadTokens: NumberText.tokens(tokens.cacheReadInputTokens),
            cacheWriteTokens: NumberText.tokens(tokens.cacheCreationInputTokens),
            cost: view.cost, cacheReadShare: view.cache, batchShare: view.batch,
            unpricedNote: figures.unpricedCalls > 0
                ? "\(NumberText.count(figures.unpricedCalls)) call\(figures.unpricedCalls == 1 ? "" : "s") had no price and count as $0"
                : nil,
            lines: lines)
    }
}
