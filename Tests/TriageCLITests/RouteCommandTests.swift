import Foundation
import GRDB
import Testing
import TriageTestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite(.serialized) struct RouteCommandTests {
    /// A scratch store with the sample tickets imported and triaged by the local model.
    func triagedScratch() async throws -> Scratch {
        let scratch = try Scratch()
        let samples = CLIRunner.repositoryRoot.appendingPathComponent("SampleTickets").path
        for step in [["import", samples], ["train"], ["run", "--backend", "local"]] {
            let result = try await scratch.runner.run(step + ["--db", "s.sqlite"])
            try #require(result.status == 0, "\(step): \(result.stderr)")
        }
        return scratch
    }

    static func rules(notifying url: String) -> String {
        """
        version: 1
        rules:
          - id: every-ticket
            when: {field: subject, exists: true}
            then:
              - add_tags: [routed]
              - notify: {url: "\(url)"}
        """
    }

    @Test func checkReportsProblemsWithLineAndColumnAndFailsOnErrors() async throws {
        let scratch = try Scratch()
        try """
            version: 1
            rules:
              - id: a
                when: {field: triage.departmnt, is: Billing}
                then:
                  - set_priority: hihg
            """.write(toFile: scratch.path("bad.yml"), atomically: true, encoding: .utf8)
        let bad = try await scratch.runner.run(["rules", "check", "bad.yml"])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("bad.yml:4:19: error: unknown field 'triage.departmnt'; did you mean 'triage.department'?"))
        #expect(bad.stdout.contains("bad.yml:6:23: error:"))
        #expect(bad.stdout.contains("2 error(s)"))

        let sample = CLIRunner.repositoryRoot.appendingPathComponent("SampleTickets/rules.yml").path
        let clean = try await scratch.runner.run(["rules", "check", sample])
        #expect(clean.status == 0, "\(clean.stdout)")
        #expect(clean.stdout.contains("no problems"))

        let missing = try await scratch.runner.run(["rules", "check", "nope.yml"])
        #expect(missing.status == 66)
        let unconfigured = try await scratch.runner.run(["rules", "check"])
        #expect(unconfigured.status == 78)
        #expect(unconfigured.stderr.contains("rules:"))
    }

    @Test func explainTestAndRouteOverTheSampleStore() async throws {
        let scratch = try await triagedScratch()
        let sample = CLIRunner.repositoryRoot.appendingPathComponent("SampleTickets/rules.yml").path
        let explain = try await scratch.runner.run(["rules", "explain", "--db", "s.sqlite", "--rules", sample, "zendesk:41001"])
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.hasPrefix("Ticket zendesk:41001"))
        #expect(explain.stdout.contains("1. security-incident: "))
        let unknown = try await scratch.runner.run(["rules", "explain", "--db", "s.sqlite", "--rules", sample, "zendesk:999999"])
        #expect(unknown.status == 66)
        #expect(unknown.stderr.contains("no ticket zendesk:999999"))

        let test = try await scratch.runner.run(["rules", "test", "--db", "s.sqlite", "--rules", sample, "--format", "json"])
        #expect(test.status == 0, "\(test.stderr)")
        let counts = try JSONSerialization.jsonObject(with: Data(test.stdout.utf8)) as? [[String: Any]]
        #expect(counts?.first?["rule"] as? String == "security-incident")

        let dry = try await scratch.runner.run(["route", "--db", "s.sqlite", "--rules", sample, "--dry-run", "--format", "json"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains(#""dry_run" : true"#))
        let pending = try await DatabaseQueue(path: scratch.path("s.sqlite")).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM rule_firings")
        }
        #expect(pending == 0)
    }

    /// A `triage route` killed with SIGKILL after its firings are committed but while its first delivery hangs:
    /// the rerun delivers every notification, and the receiver sees each key once after deduplication.
    @Test func aKilledRouteLosesNothingAndRepeatsNothing() async throws {
        let scratch = try await triagedScratch()
        let receiver = try await WebhookReceiver.start(faults: [.delay(.seconds(20))])
        try Self.rules(notifying: receiver.url.absoluteString).write(toFile: scratch.path("rules.yml"), atomically: true, encoding: .utf8)
        let child = try scratch.runner.start(["route", "--db", "s.sqlite", "--rules", "rules.yml", "--timeout", "60"])
        let store = try DatabaseQueue(path: scratch.path("s.sqlite"))
        var queued = 0
        for _ in 0..<200 {
            queued = try await store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox") ?? 0 }
            if queued > 0, await receiver.requestCount == 0 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        try #require(queued > 0)
        // Wait until the first POST is hanging in the delayed answer (a condition with a deadline, not a sleep).
        let arrival = ContinuousClock.now + .seconds(30)
        while await receiver.arrivalCount == 0, ContinuousClock.now < arrival { try await Task.sleep(for: .milliseconds(10)) }
        try #require(await receiver.arrivalCount >= 1)
        kill(child.process.processIdentifier, SIGKILL)
        child.process.waitUntilExit()
        let deliveredBefore = try await store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE delivered_at IS NOT NULL") ?? 0
        }
        #expect(deliveredBefore == 0)

        let rerun = try await scratch.runner.run(["route", "--db", "s.sqlite", "--rules", "rules.yml", "--format", "json"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let (keys, undelivered) = try await store.read { db in
            (try String.fetchAll(db, sql: "SELECT idempotency_key FROM outbox"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE delivered_at IS NULL") ?? -1)
        }
        #expect(undelivered == 0)
        #expect(keys.count == queued)
        let received = await receiver.receivedKeys
        #expect(Set(received) == Set(keys))
        #expect(received.count == keys.count)  // the hung request never completed: nothing arrived twice
        // Routing again fires nothing new: one notification per rule and content version.
        let third = try await scratch.runner.run(["route", "--db", "s.sqlite", "--rules", "rules.yml", "--format", "json"])
        #expect(third.status == 0)
        let after = try await store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox") ?? 0 }
        #expect(after == keys.count)
        await receiver.stop()
    }
}
