import ArgumentParser
import Foundation
import GRDB
import TicketTriage
import TriageReports
import TriageModel
import TriageStore

/// `triage-bench digest`: one day's digest over a large store (issue 8's target: 1,000,000 tickets in < 2 s).
///
/// The store is generated once with raw SQL in large transactions (tickets spread over 30 days, 20% open, 90% triaged
/// for their current content, half of those with a model call, 1% escalated) and reused by later runs.
struct DigestBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Time one day's digest (store aggregates, themes, rendering) over a generated store.")

    @Option(help: "Number of tickets in the store.") var tickets = 1_000_000
    @Option(help: "Folder for the generated store.") var dir = "Benchmarks/data"
    @Option(help: "The day to digest (inside the generated 30 days).") var date = "2026-11-20"
    @Option(name: .customLong("time-zone"), help: "IANA zone of the day.") var timeZone = "Europe/Berlin"
    @Option(help: "Timed runs.") var runs = 3
    @Option(name: .customLong("theme-sample"), help: "Tickets theme extraction reads (DigestBuilder.themeSampleLimit).")
    var themeSample = 5000

    static let lastDay = Date(timeIntervalSince1970: 1_795_564_800) // 2026-11-25T00:00:00Z

    func run() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = "\(dir)/digest-\(tickets).sqlite"
        if !FileManager.default.fileExists(atPath: path) {
            let clock = ContinuousClock()
            let elapsed = try clock.measure { try Self.generate(path: path, tickets: tickets) }
            print(String(format: "generated %d tickets in %.1f s (%.0f MiB)", tickets, BenchSupport.seconds(elapsed),
                         BenchSupport.fileSizeMiB(path)))
        } else {
            print("reusing \(path)")
        }
        let store = try TicketStore(path: path)
        let templates = TemplateLocator.checkoutTemplates()
        let clock = ContinuousClock()
        var totals: [Double] = []
        for run in 1...max(runs, 1) {
            let cpuBefore = BenchSupport.cpuSeconds()
            var data: DigestData?
            let build = try clock.measure {
                data = try DigestBuilder(store: store, themeSampleLimit: themeSample).build(date: date, timeZone: timeZone)
            }
            guard let data else { return }
            var html = ""
            let render = try clock.measure {
                html = try DigestRenderer().render(data, format: .html, templatesDirectory: templates)
            }
            let total = BenchSupport.seconds(build) + BenchSupport.seconds(render)
            totals.append(total)
            let cpu = BenchSupport.cpuSeconds() - cpuBefore
            print(String(format: "run %d: build %.3f s, render html %.3f s, total %.3f s (CPU %.3f s) — %d new tickets, %d open, %d themes, %d kB html",
                         run, BenchSupport.seconds(build), BenchSupport.seconds(render), total, cpu,
                         data.newTickets.total, data.flow.stillOpen, data.themes.count, html.utf8.count / 1024))
        }
        // Where the time goes: the same steps as DigestBuilder.build, timed one by one.
        let day = try DigestDay.bounds(date: date, timeZone: timeZone)
        var aggregates: DigestAggregates?
        let aggregateTime = try clock.measure {
            aggregates = try store.digestAggregates(for: .init(start: day.start, end: day.end),
                                                    ageRanges: AgeBucket.standardBounds.map { ($0.minimumHours, $0.maximumHours) })
        }
        var days = [day]
        while days.count < 6 { days.insert(try days[0].previous(), at: 0) }
        let totalsTime = try clock.measure { _ = try store.digestDayTotals(for: days.map { ($0.date, .init(start: $0.start, end: $0.end)) }) }
        let documents = DigestBuilder.sample(aggregates?.themeDocuments ?? [], limit: themeSample).map {
            ThemeExtractor.Document(texts: [$0.subject] + ($0.summary.map { [$0] } ?? []), tags: $0.tags)
        }
        let themeTime = clock.measure { _ = ThemeExtractor().themes(in: documents) }
        // The baseline of distinctive themes: the 28 days before the day, sampled as DigestBuilder does.
        var baseline: (total: Int, documents: [DigestAggregates.ThemeDocument]) = (0, [])
        let baselineReadTime = try clock.measure {
            baseline = try store.digestThemeDocuments(for: .init(start: day.start.addingTimeInterval(-28 * 86400), end: day.start),
                                                      limit: DigestBuilder(store: store).themeBaselineLimit)
        }
        let earlier = baseline.documents.map {
            ThemeExtractor.Document(texts: [$0.subject] + ($0.summary.map { [$0] } ?? []), tags: $0.tags)
        }
        let contrastTime = clock.measure { _ = ThemeExtractor().themes(in: documents, comparedWith: earlier) }
        print(String(format: "phases: store aggregates %.3f s, 6 earlier day totals %.3f s, themes over %d tickets %.3f s, "
                     + "baseline read (%d of %d tickets) %.3f s, themes against it %.3f s",
                     BenchSupport.seconds(aggregateTime), BenchSupport.seconds(totalsTime), documents.count,
                     BenchSupport.seconds(themeTime), earlier.count, baseline.total, BenchSupport.seconds(baselineReadTime),
                     BenchSupport.seconds(contrastTime)))
        let sorted = totals.sorted()
        print(String(format: "digest of %@ (%@) over %d tickets: best %.3f s, median %.3f s, peak RSS %.0f MiB",
                     date, timeZone, tickets, sorted[0], sorted[sorted.count / 2], BenchSupport.peakRSSMiB()))
    }

    // MARK: - Generation

    static let departments = ["Billing", "Technical Support", "Account & Access", "Shipping & Returns", "Sales",
                              "Product Feedback", "Security & Abuse", "General Inquiry"]
    static let subjects = ["Refund not received", "Password reset link expired", "Invoice shows wrong VAT",
                           "Package arrived damaged", "Cannot log in after update", "Upgrade to business plan",
                           "App crashes on export", "Charged twice this month", "Change delivery address",
                           "Two-factor code never arrives", "Feature request: dark mode", "Suspicious login attempt"]
    static let summaries = ["Customer asks for a refund of a duplicate charge.", "User cannot reset the password.",
                            "Shipment damaged in transit, wants replacement.", "Crash when exporting reports.",
                            "Wants pricing for the business plan.", "Reports a suspicious login from abroad."]
    static let channels = ["email", "chat", "web", "phone"]
    static let languages = ["en", "en", "en", "de", "fr", "es"]
    static let priorities = ["urgent", "high", "normal", "normal", "normal", "low"]
    static let sentiments = ["negative", "neutral", "neutral", "positive"]

    static func generate(path: String, tickets: Int) throws {
        _ = try TicketStore(path: path) // creates and migrates
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = OFF") }
        var random = SeededGenerator(seed: 8)
        let span = 30.0 * 86400
        let chunk = 100_000
        var next = 0
        while next < tickets {
            let upper = min(next + chunk, tickets)
            try queue.inTransaction { db in
                let ticket = try db.makeStatement(sql: """
                    INSERT INTO tickets (id, source, external_id, subject, status, channel, tags, label_department,
                        created_at, updated_at, imported_at, record_hash, content_hash, triaged_hash, message_count)
                    VALUES (?, 'bench', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                    """)
                let result = try db.makeStatement(sql: """
                    INSERT INTO triage_results (ticket_id, content_hash, department, priority, sentiment, language, confidence,
                        summary, needs_human, needs_human_reason, backend, model, prompt_version, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'p1', ?)
                    """)
                let call = try db.makeStatement(sql: """
                    INSERT INTO llm_calls (ticket_id, purpose, model, input_tokens, output_tokens, cache_read_tokens,
                        is_batch, cost_usd, latency_ms, started_at, outcome)
                    VALUES (?, 'triage', 'claude-haiku-5-5', ?, ?, ?, ?, ?, 400, ?, 'succeeded')
                    """)
                let firing = try db.makeStatement(sql: """
                    INSERT INTO rule_firings (id, ticket_id, rule_id, content_hash, fired_at) VALUES (?, ?, 'urgent-vip', ?, ?)
                    """)
                let escalation = try db.makeStatement(sql: """
                    INSERT INTO escalations (firing_id, ticket_id, team, reason, created_at) VALUES (?, ?, 'tier-2', 'urgent VIP ticket', ?)
                    """)
                for index in next..<upper {
                    let id = Int64(index + 1)
                    let created = lastDay.addingTimeInterval(-Double.random(in: 0..<span, using: &random))
                    let open = Int.random(in: 0..<5, using: &random) == 0
                    let updated = open ? created : created.addingTimeInterval(Double.random(in: 600..<(3 * 86400), using: &random))
                    let hash = "h\(id)"
                    let triaged = Int.random(in: 0..<10, using: &random) != 0
                    let createdText = SQLDate.string(created)
                    let department = departments.randomElement(using: &random)!
                    let subject = subjects.randomElement(using: &random)! + " #\(id % 997)"
                    try ticket.execute(arguments: [
                        id, "T\(id)", subject, open ? "open" : "solved", channels.randomElement(using: &random)!,
                        Int.random(in: 0..<4, using: &random) == 0 ? "[\"vip\"]" : "[]",
                        Int.random(in: 0..<3, using: &random) == 0 ? department : nil,
                        createdText, SQLDate.string(updated), createdText, "r\(id)", hash, triaged ? hash : nil,
                    ])
                    guard triaged else { continue }
                    let triagedAt = SQLDate.string(created.addingTimeInterval(Double.random(in: 60..<7200, using: &random)))
                    let claude = Int.random(in: 0..<2, using: &random) == 0
                    let needsHuman = Int.random(in: 0..<33, using: &random) == 0
                    let priority = priorities.randomElement(using: &random)!
                    try result.execute(arguments: [
                        id, hash, department, priority, sentiments.randomElement(using: &random)!,
                        languages.randomElement(using: &random)!, Double.random(in: 0.3..<1, using: &random),
                        summaries.randomElement(using: &random)!, needsHuman, needsHuman ? "low confidence on a refund" : nil,
                        claude ? "claude" : "local", claude ? "claude-haiku-5-5" : "local-nb", triagedAt,
                    ])
                    if claude {
                        let batch = Int.random(in: 0..<3, using: &random) == 0
                        try call.execute(arguments: [id, 1200, 90, 900, batch, batch ? 0.0007 : 0.0014, triagedAt])
                    }
                    if priority == "urgent", Int.random(in: 0..<15, using: &random) == 0 {
                        try firing.execute(arguments: [id, id, hash, triagedAt])
                        try escalation.execute(arguments: [id, id, triagedAt])
                    }
                }
                return .commit
            }
            next = upper
        }
        try queue.writeWithoutTransaction { db in try db.execute(sql: "ANALYZE") }
    }
}
