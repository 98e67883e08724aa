import ArgumentParser
import Foundation
import GRDB
import TicketTriage
import TriageRules
import TriageStore

/// `triage-bench route`: 100 rules over a store of N triaged tickets, end to end (read, evaluate, write firings,
/// escalations, overrides and outbox rows).
///
/// The store is generated once with bulk raw SQL (`Benchmarks/data/route-N.sqlite`) and reused; routing state is
/// reset before each measured run, so every run routes every ticket.
struct RouteBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Routing benchmark: N stored triaged tickets, R rules, full `Router.routeAll` time.")

    @Option(help: "Number of stored tickets.") var tickets = 1_000_000
    @Option(help: "Number of rules.") var rules = 100
    @Option(help: "Folder for the generated store.") var dir = "Benchmarks/data"
    @Option(help: "Threads evaluating rules.") var concurrency = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Tickets per read and write transaction (default: the router's).") var batchSize: Int?

    func run() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = "\(dir)/route-\(tickets).sqlite"
        let clock = ContinuousClock()
        if !FileManager.default.fileExists(atPath: path) {
            let start = clock.now
            try RouteBenchData.generate(tickets: tickets, path: path)
            print("store: \(path): \(tickets) triaged tickets generated in \(format(clock.now - start)) s, "
                  + "\(String(format: "%.0f", BenchSupport.fileSizeMiB(path))) MiB")
        }
        try RouteBenchData.resetRouting(path: path)
        let store = try TicketStore(path: path)
        let ruleSet = try RuleSet.parse(yaml: RouteBenchData.rulesYAML(count: rules), file: "bench-rules.yml")
        var router = Router(rules: ruleSet)
        router.concurrency = concurrency
        if let batchSize { router.batchSize = batchSize }
        let now = Date(timeIntervalSince1970: 1_780_000_000)

        // Phase 1: reading alone (the candidate query, every page).
        var start = clock.now
        var read = 0
        var afterID: Int64 = 0
        while true {
            let page = try store.routingCandidates(RoutingSelection(afterID: afterID, limit: router.batchSize))
            guard let last = page.last else { break }
            afterID = last.ticket.id
            read += page.count
        }
        let readTime = clock.now - start

        // Phase 2: the full route.
        let cpu0 = BenchSupport.cpuSeconds()
        start = clock.now
        let report = try router.routeAll(store: store, now: now)
        let routeTime = clock.now - start
        let cpu = BenchSupport.cpuSeconds() - cpu0
        print("route: tickets=\(report.tickets) rules=\(rules) concurrency=\(concurrency) batch=\(router.batchSize) wall=\(format(routeTime)) s "
              + "cpu=\(String(format: "%.1f", cpu)) s tickets/s=\(String(format: "%.0f", Double(report.tickets) / BenchSupport.seconds(routeTime)))")
        print("route: firings=\(report.written.firings) escalations=\(report.written.escalations) "
              + "notifications=\(report.written.notifications) peak_rss=\(String(format: "%.0f", BenchSupport.peakRSSMiB())) MiB")
        print("read only: \(read) candidates in \(format(readTime)) s")
    }

    private func format(_ d: Duration) -> String { String(format: "%.2f", BenchSupport.seconds(d)) }
}

/// The benchmark's synthetic store and rules.
enum RouteBenchData {
    static let departments = ["Billing", "Technical Support", "Account & Access", "Sales", "Shipping & Orders"]
    static let words = ["invoice", "refund", "login", "password", "outage", "error", "shipping", "parcel", "order",
                        "account", "charge", "upgrade", "plan", "feature", "slow", "broken", "thanks", "urgent"]

    /// Bulk-inserts `tickets` triaged tickets (one customer message each) with raw SQL in one transaction.
    static func generate(tickets: Int, path: String) throws {
        _ = try TicketStore(path: path)  // the schema
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA cache_size = -131072")
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        var rng = SeededGenerator(seed: 7)
        let base = 1_780_000_000.0
        try queue.write { db in
            let ticket = try db.makeStatement(sql: """
                INSERT INTO tickets (id, source, external_id, subject, status, channel, requester_email, organization, tags,
                    custom_fields, created_at, imported_at, record_hash, content_hash, triaged_hash, message_count,
                    last_customer_message_at)
                VALUES (?, 'bench', ?, ?, ?, 'email', ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
                """)
            let message = try db.makeStatement(sql: """
                INSERT INTO messages (ticket_id, external_id, position, role, is_public, sent_at, body_text)
                VALUES (?, 'm', 0, 'customer', 1, ?, ?)
                """)
            let result = try db.makeStatement(sql: """
                INSERT INTO triage_results (ticket_id, content_hash, department, priority, sentiment, language, confidence,
                    summary, needs_human, backend, model, prompt_version, created_at)
                VALUES (?, ?, ?, ?, ?, 'en', ?, 's', 0, 'local', 'bench', '1', ?)
                """)
            for i in 1...tickets {
                func pick(_ list: [String]) -> String { list[Int(rng.next() % UInt64(list.count))] }
                let created = SQLDate.string(Date(timeIntervalSince1970: base - Double(rng.next() % 720_000)))
                let hash = String(format: "%016llx", rng.next())
                let text = (0..<40).map { _ in rng.next() % 3 == 0 ? pick(words) : "w\(rng.next() % 500)" }.joined(separator: " ")
                let tags = "[\"tag\(rng.next() % 20)\"]"
                let custom = "{\"refund_amount\":\"\(rng.next() % 2000)\",\"plan\":\"\(pick(["free", "pro", "enterprise"]))\"}"
                try ticket.execute(arguments: [
                    i, String(i), "\(pick(words)) \(pick(words)) w\(rng.next() % 500)", pick(["open", "pending", "solved"]),
                    "user\(rng.next() % 500)@domain\(rng.next() % 40).example", "org\(rng.next() % 100)", tags, custom,
                    created, created, hash, hash, hash, created])
                try message.execute(arguments: [i, created, text])
                try result.execute(arguments: [i, hash, pick(departments), pick(["urgent", "high", "normal", "low"]),
                                               pick(["negative", "neutral", "positive"]), Double(rng.next() % 100) / 100,
                                               created])
            }
        }
    }

    /// Forgets every routing outcome so the next run routes everything again.
    static func resetRouting(path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                DELETE FROM outbox; DELETE FROM escalations; DELETE FROM rule_firings;
                UPDATE tickets SET routed_hash = NULL, routing_overrides = NULL, routed_facts = NULL;
                """)
        }
        try queue.writeWithoutTransaction { db in try db.execute(sql: "VACUUM") }
    }

    /// `count` rules cycling through eight shapes; each matches a few per cent of tickets; every fifth notifies.
    static func rulesYAML(count: Int) -> String {
        var yaml = "version: 1\nsla:\n  targets:\n    urgent: {first_response: 1h}\n    high: {first_response: 4h}\nrules:\n"
        for i in 0..<count {
            let word = words[i % words.count], department = departments[i % departments.count]
            let condition: String
            switch i % 8 {
            case 0: condition = "all: [{field: triage.department, is: \"\(department)\"}, {field: text, contains: \(word)}, {field: triage.priority, is: urgent}]"
            case 1: condition = "all: [{field: subject, contains_any: [\(word), w\(i)]}, {field: triage.sentiment, is: negative}]"
            case 2: condition = "all: [{field: custom.refund_amount, greater_than: \(1800 + i)}, {field: triage.department, is: Billing}]"
            case 3: condition = "any: [{field: tags, contains: tag\(i % 20)}, {field: requester.domain, is: domain\(i % 40).example}]"
            case 4: condition = "all: [{field: subject, matches: '\\\\b\(word)\\\\b'}, {field: triage.confidence, less_than: 0.1}]"
            case 5: condition = "all: [{field: organization, in: [org\(i % 100), org\((i + 1) % 100)]}, {field: status, is: open}]"
            case 6: condition = "all: [{field: sla.first_response.breached, is: true}, {field: text, contains: \(word)}, {field: custom.plan, is: enterprise}]"
            default: condition = "not: {any: [{field: triage.priority, in: [low, normal, high]}, {field: text, contains_any: [\(word), w1, w2, w3]}, {field: custom.plan, is_not: pro}]}"
            }
            yaml += "  - id: rule-\(i)\n    when: {\(condition)}\n    then:\n"
            yaml += "      - add_tags: [r\(i)]\n      - escalate: {team: team\(i % 7), reason: rule \(i)}\n"
            if i % 5 == 0 { yaml += "      - notify: {url: \"http://127.0.0.1:9/hook\"}\n" }
        }
        return yaml
    }
}
