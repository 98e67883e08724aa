import Foundation
import GRDB
import Testing
import TriageTestSupport

/// `triage outbox list|retry` against a store routed to a scripted receiver.
@Suite(.serialized) struct OutboxCommandTests {
    /// The Zendesk sample tickets imported and the local model trained, with `rules.yml`: one rule that notifies
    /// `url` for ticket 41001 only.
    func trainedScratch(notifying url: String) async throws -> Scratch {
        let scratch = try Scratch()
        let samples = CLIRunner.repositoryRoot.appendingPathComponent("SampleTickets/zendesk/tickets.json").path
        try """
            version: 1
            rules:
              - id: page-billing
                when: {field: subject, is: "Charged twice for November"}
                then:
                  - notify: {url: "\(url)"}
            """.write(toFile: scratch.path("rules.yml"), atomically: true, encoding: .utf8)
        for step in [["import", samples], ["train"]] {
            let result = try await scratch.runner.run(step + ["--db", "s.sqlite"])
            try #require(result.status == 0, "\(step): \(result.stderr)")
        }
        return scratch
    }

    /// ``trainedScratch(notifying:)`` triaged by the local model and routed.
    /// `routeStatus`: what `route` exits with after its first delivery (1 when it gave up on a row, 75 when rows
    /// wait for a retry).
    func routedScratch(notifying url: String, routeStatus: Int32) async throws -> Scratch {
        let scratch = try await trainedScratch(notifying: url)
        for step in [["run", "--backend", "local", "--no-route"], ["route", "--rules", "rules.yml", "--timeout", "5"]] {
            let result = try await scratch.runner.run(step + ["--db", "s.sqlite"])
            try #require(result.status == (step[0] == "route" ? routeStatus : 0), "\(step): \(result.stderr)")
        }
        return scratch
    }

    @Test func listShowsHostsOnlyAndRetryDeliversAGivenUpRow() async throws {
        let receiver = try await WebhookReceiver.start(faults: [.status(404)])
        // The secret is in the user info, the path and the query: none of it may be printed.
        let port = receiver.url.port ?? 0
        let url = "http://bot:pa55word@127.0.0.1:\(port)/hook/T0KEN-SECRET?token=abcdef123"
        let scratch = try await routedScratch(notifying: url, routeStatus: 1)
        #expect(await receiver.requestCount == 1)  // the 404: given up at once

        let failed = try await scratch.runner.run(["outbox", "list", "--failed", "--db", "s.sqlite"])
        #expect(failed.status == 0, "\(failed.stderr)")
        let lines = failed.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("ID  KIND     HOST") == true, "\(failed.stdout)")
        #expect(lines.last?.contains("127.0.0.1:\(port)") == true, "the port tells targets on one host apart")
        #expect(lines.last?.contains("failed") == true && lines.last?.contains("page-billing") == true)
        #expect(lines.last?.contains("zendesk:41001") == true)
        #expect(lines.last?.contains("HTTP 404 from 127.0.0.1:\(port)") == true)

        let json = try await scratch.runner.run(["outbox", "list", "--all", "--db", "s.sqlite", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row["target_host"] as? String == "127.0.0.1:\(port)")
        #expect(row["state"] as? String == "failed")
        #expect(row["attempts"] as? Int == 1)
        #expect(row["failed_at"] is String && row["delivered_at"] == nil && row["kind"] as? String == "webhook")
        #expect(row["target"] == nil)
        for output in [failed.stdout, failed.stderr, json.stdout] {
            for secret in ["pa55word", "T0KEN-SECRET", "abcdef123", "bot:"] { #expect(!output.contains(secret)) }
        }
        let pending = try await scratch.runner.run(["outbox", "list", "--pending", "--db", "s.sqlite"])
        #expect(pending.status == 0 && pending.stdout.isEmpty && pending.stderr.contains("no pending outbox rows"))

        // Retry: the receiver now answers 200.
        let id = try #require(row["id"] as? Int)
        let retry = try await scratch.runner.run(["outbox", "retry", "--all-failed", "--db", "s.sqlite", "--format", "json"])
        #expect(retry.status == 0, "\(retry.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(retry.stdout.utf8)) as? [String: Any])
        #expect(summary["retried"] as? [Int] == [id])
        #expect((summary["delivery"] as? [String: Any])?["delivered"] as? Int == 1)
        #expect(((summary["rows"] as? [[String: Any]])?.first)?["state"] as? String == "delivered")
        #expect(await receiver.uniqueKeys.count == 1)
        #expect(await receiver.requestCount == 2)

        // Delivered rows are not sent again.
        let again = try await scratch.runner.run(["outbox", "retry", "\(id)", "--db", "s.sqlite"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("Nothing to retry"))
        #expect(again.stderr.contains("row \(id) was delivered at"))
        #expect(await receiver.requestCount == 2)
        let all = try await scratch.runner.run(["outbox", "list", "--delivered", "--db", "s.sqlite"])
        #expect(all.stdout.contains("delivered"))
        await receiver.stop()
    }

    @Test func runRoutingToARefusedWebhookExitsTemporaryFailure() async throws {
        // Port 9 refuses connections: triage succeeds, the webhook waits, and the exit status says so (as `route`).
        let scratch = try await trainedScratch(notifying: "http://127.0.0.1:9/hook")
        let run = try await scratch.runner.run(["run", "--backend", "local", "--rules", "rules.yml", "--db", "s.sqlite"])
        #expect(run.status == 75, "\(run.stderr)")
        #expect(run.stdout.contains("1 to retry"))
        #expect(run.stderr.contains("1 outbox row(s) not delivered yet"))
    }

    @Test func retryWithoutDeliveryMakesTheRowDueAndBadArgumentsAreRefused() async throws {
        // Port 9 refuses connections: the row stays pending with a backoff.
        let scratch = try await routedScratch(notifying: "http://127.0.0.1:9/hook", routeStatus: 75)
        let store = try DatabaseQueue(path: scratch.path("s.sqlite"))
        let (id, next) = try await store.read { db in
            (try Int.fetchOne(db, sql: "SELECT id FROM outbox") ?? -1,
             try String.fetchOne(db, sql: "SELECT next_attempt_at FROM outbox"))
        }
        #expect(next != nil)
        let retry = try await scratch.runner.run(["outbox", "retry", "\(id)", "--no-delivery", "--db", "s.sqlite"])
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(retry.stdout.contains("Retried 1 row(s); they are due now"))
        let (nextAfter, attempts) = try await store.read { db in
            (try String.fetchOne(db, sql: "SELECT next_attempt_at FROM outbox"),
             try Int.fetchOne(db, sql: "SELECT attempts FROM outbox"))
        }
        #expect(nextAfter == nil && attempts == 1)

        // Delivering again to a refused port: still pending, exit 75 (try again later).
        let deliver = try await scratch.runner.run(["outbox", "retry", "\(id)", "--db", "s.sqlite"])
        #expect(deliver.status == 75, "\(deliver.stdout)\(deliver.stderr)")

        let unknown = try await scratch.runner.run(["outbox", "retry", "424242", "--db", "s.sqlite"])
        #expect(unknown.status == 66)
        #expect(unknown.stderr.contains("no outbox row 424242"))
        let neither = try await scratch.runner.run(["outbox", "retry", "--db", "s.sqlite"])
        #expect(neither.status == 64)
        let both = try await scratch.runner.run(["outbox", "retry", "\(id)", "--all-failed", "--db", "s.sqlite"])
        #expect(both.status == 64)
    }
}
