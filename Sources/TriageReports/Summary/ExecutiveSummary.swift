import TriageModel
/// The executive summary paragraph composed from a digest's numbers: pure, deterministic, plain text.
///
/// This is the fallback when no model writes the summary; the renderers take any summary text in its place.
/// Example: "142 new tickets (+12% on yesterday), mostly Technical Support (38%) and Billing (21%). 97 solved,
/// 405 still open; 31 open for more than a week. …"
public enum ExecutiveSummary {
    /// Composes the paragraph for `data`.
    public static func compose(from data: DigestData) -> String {
        [intake(data), flow(data), attention(data), themes(data), triage(data), quality(data)]
            .compactMap { $0 }
            .joined(separator: " ")
    }

    // MARK: - Sentences

    static func intake(_ data: DigestData) -> String {
        let total = data.newTickets.total
        var sentence = plural(total, "new ticket")
        if let previous = data.previousDay {
            if let change = NumberText.change(from: previous.newTickets, to: total) {
                sentence += change == "±0%" ? " (as many as yesterday)" : " (\(change) on yesterday)"
            } else if total > 0 {
                sentence += " (none yesterday)"
            }
        }
        let departments = data.newTickets.byDepartment.sortedByCount().filter { $0.count > 0 }
        if let top = departments.first, total > 0 {
            let share = { (item: LabelCount) in "\(item.label) (\(NumberText.percent(item.count, of: total)))" }
            if departments.count == 1 {
                sentence += ", all \(top.label)"
            } else if departments.count > 1, departments[1].count * 2 >= top.count {
                sentence += ", mostly \(share(top)) and \(share(departments[1]))"
            } else {
                sentence += ", mostly \(share(top))"
            }
        }
        return sentence + "."
    }

    static func flow(_ data: DigestData) -> String {
        var sentence = "\(NumberText.count(data.flow.solved)) solved, \(NumberText.count(data.flow.stillOpen)) still open"
        let weekOld = data.backlog.filter { $0.minimumHours >= 168 }.reduce(0) { $0 + $1.count }
        if weekOld > 0 { sentence += "; \(NumberText.count(weekOld)) open for more than a week" }
        return sentence + "."
    }

    static func attention(_ data: DigestData) -> String {
        var parts: [String] = []
        if !data.escalations.isEmpty { parts.append(plural(data.escalations.count, "escalation")) }
        if !data.slaBreaches.isEmpty { parts.append(plural(data.slaBreaches.count, "SLA breach", "SLA breaches")) }
        if !data.slaAtRisk.isEmpty { parts.append("\(NumberText.count(data.slaAtRisk.count)) at risk") }
        if !data.needsHuman.isEmpty {
            parts.append(plural(data.needsHuman.count, "ticket") + " " + (data.needsHuman.count == 1 ? "needs" : "need") + " a human")
        }
        let sla = data.slaConfigured ? "" : " SLA not configured."
        guard !parts.isEmpty else {
            return data.slaConfigured ? "No escalations, no SLA breaches and nothing waiting for a human."
                : "No escalations and nothing waiting for a human." + sla
        }
        let sentence = parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " and " + parts[parts.count - 1]
        return sentence.prefix(1).uppercased() + sentence.dropFirst() + "." + sla
    }

    static func themes(_ data: DigestData) -> String? {
        let top = data.themes.prefix(3).map { "\($0.label) (\($0.tickets))" }
        guard !top.isEmpty else { return nil }
        return (data.themeBaseline == nil ? "Top themes: " : "Standing out: ") + top.joined(separator: ", ") + "."
    }

    static func triage(_ data: DigestData) -> String? {
        let figures = data.triage
        guard figures.ticketsTriaged > 0 else { return nil }
        var sentence = "Triage that day: \(plural(figures.ticketsTriaged, "ticket")) for \(NumberText.usd(figures.costUSD))"
        if let cacheShare = figures.cacheReadShare, cacheShare > 0 {
            sentence += " (\(NumberText.percent(cacheShare)) of input from cache)"
        }
        if figures.lowConfidence > 0 { sentence += "; \(NumberText.count(figures.lowConfidence)) with low confidence" }
        return sentence + "."
    }

    static func quality(_ data: DigestData) -> String? {
        let failures = data.dataQuality.importFailures
        guard failures > 0 else { return nil }
        return plural(failures, "record") + " failed to import."
    }

    private static func plural(_ count: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
        "\(NumberText.count(count)) " + (count == 1 ? singular : pluralForm ?? singular + "s")
    }
}
