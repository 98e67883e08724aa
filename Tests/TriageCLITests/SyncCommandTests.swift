import Foundation
import GRDB
import Testing
import TriageTestSupport

@Suite("triage sync", .serialized)
struct SyncCommandTests {
    private func environment(_ fake: FakeZendeskServer, token: String? = nil) -> [String: String] {
        ["ZENDESK_BASE_URL": fake.baseURL.absoluteString, "ZENDESK_EMAIL": fake.email, "ZENDESK_API_TOKEN": token ?? fake.token]
    }

    private func storeText(_ scratch: Scratch) throws -> String {
        var text = ""
        for name in ["s.sqlite", "s.sqlite-wal"] where FileManager.default.fileExists(atPath: scratch.path(name)) {
            text += String(decoding: try Data(contentsOf: URL(fileURLWithPath: scratch.path(name))), as: UTF8.self)
        }
        return text
    }

    @Test("sync zendesk stores the tickets; the API token is never in arguments, output or the store")
    func syncsWithoutShowingCredentials() async throws {
        let fake = try await FakeZendeskServer.start(tickets: FakeHelpdeskTicket.sample(count: 40))
        defer { Task { await fake.stop() } }
        let scratch = try Scratch()
        let arguments = ["sync", "zendesk", "--since", "2026-01-01", "--db", "s.sqlite", "--log-level", "trace"]
        let result = try await scratch.runner.run(arguments, environment: environment(fake))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("done — 1 pages, stored 40 new, 0 updated"))
        let basic = Data("\(fake.email)/token:\(fake.token)".utf8).base64EncodedString()
        for secret in [fake.token, basic] {
            #expect(!arguments.contains { $0.contains(secret) })
            #expect(!result.stdout.contains(secret))
            #expect(!result.stderr.contains(secret))
            #expect(!(try storeText(scratch)).contains(secret))
        }
        let count = try await DatabaseQueue(path: scratch.path("s.sqlite")).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets WHERE source = 'zendesk'")
        }
        #expect(count == 40)

        let again = try await scratch.runner.run(["sync", "zendesk", "--db", "s.sqlite", "--format", "json"], environment: environment(fake))
        #expect(again.status == 0, "\(again.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect((report["started_from"] as? String)?.hasPrefix("cursor") == true)
    }

    @Test("sync → train → run → route with a write_back rule: one write per ticket in Zendesk, none on a second route, no token shown")
    func routeWritesBack() async throws {
        let fake = try await FakeZendeskServer.start(tickets: FakeHelpdeskTicket.sample(count: 60))
        defer { Task { await fake.stop() } }
        let scratch = try Scratch()
        try """
            rules:
              - id: write-back
                when: {field: triage.department, exists: true}
                then:
                  - write_back: {add_tags: [triaged], fields: {"360001234": "{{triage.department}}"}, note: true}
            """.write(toFile: scratch.path("rules.yml"), atomically: true, encoding: .utf8)
        let env = environment(fake)
        for arguments in [["sync", "zendesk", "--since", "2026-01-01", "--db", "s.sqlite"], ["train", "--db", "s.sqlite"],
                          ["run", "--backend", "local", "--db", "s.sqlite"]] {
            let result = try await scratch.runner.run(arguments, environment: env)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let route = try await scratch.runner.run(["route", "--rules", "rules.yml", "--db", "s.sqlite", "--log-level", "trace"],
                                                 environment: env)
        #expect(route.status == 0, "\(route.stderr)")
        #expect(route.stdout.contains("60 help desk write(s) queued"))
        #expect(route.stdout.contains("Outbox: 0 pending, 60 delivered, 0 failed"))
        let writes = await fake.writes
        #expect(writes.count == 60)
        #expect(Set(writes.map(\.ticketID)).count == 60)
        #expect(writes.allSatisfy { $0.body.contains(#""public":false"#) && $0.body.contains("[triage tt-") })

        let again = try await scratch.runner.run(["route", "--rules", "rules.yml", "--db", "s.sqlite"], environment: env)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(await fake.writes.count == 60)
        let list = try await scratch.runner.run(["outbox", "list", "--delivered", "--limit", "1", "--db", "s.sqlite"])
        #expect(list.stdout.contains("helpdesk") && list.stdout.contains("zendesk:1"))
        let basic = Data("\(fake.email)/token:\(fake.token)".utf8).base64EncodedString()
        for secret in [fake.token, basic] {
            for output in [route.stdout, route.stderr, again.stdout, again.stderr, list.stdout] {
                #expect(!output.contains(secret))
            }
            #expect(!(try storeText(scratch)).contains(secret))
        }
    }

    @Test("a wrong token exits 78 with a message naming the problem and not the token")
    func wrongToken() async throws {
        let fake = try await FakeZendeskServer.start(tickets: FakeHelpdeskTicket.sample(count: 3))
        defer { Task { await fake.stop() } }
        let scratch = try Scratch()
        let wrong = "zd-wrong-0c55e1d2"
        let result = try await scratch.runner.run(["sync", "zendesk", "--since", "2026-01-01", "--db", "s.sqlite"],
                                                  environment: environment(fake, token: wrong))
        #expect(result.status == 78)
        #expect(result.stderr.contains("Zendesk refused the credentials (HTTP 401"))
        #expect(!result.stderr.contains(wrong) && !result.stdout.contains(wrong))
        #expect(!(try storeText(scratch)).contains(wrong))
    }

    @Test("missing settings and a first run without --since are configuration errors that say what to set")
    func configurationErrors() async throws {
        let scratch = try Scratch()
        let missing = try await scratch.runner.run(["sync", "zendesk", "--since", "2026-01-01", "--db", "s.sqlite"])
        #expect(missing.status == 78)
        #expect(missing.stderr.contains("ZENDESK_BASE_URL"))
        let fake = try await FakeZendeskServer.start()
        defer { Task { await fake.stop() } }
        let noStart = try await scratch.runner.run(["sync", "zendesk", "--db", "s.sqlite"], environment: environment(fake))
        #expect(noStart.status == 78)
        #expect(noStart.stderr.contains("--since"))
        let badDate = try await scratch.runner.run(["sync", "zendesk", "--since", "yesterday-ish", "--db", "s.sqlite"])
        #expect(badDate.status == 64)
        var plain = environment(fake)
        plain["ZENDESK_BASE_URL"] = "http://acme.zendesk.com"
        let http = try await scratch.runner.run(["sync", "zendesk", "--since", "2026-01-01", "--db", "s.sqlite"], environment: plain)
        #expect(http.status == 78)
        #expect(http.stderr.contains("must use https"))
    }

    @Test("--dry-run lists what would be stored and stores nothing")
    func dryRun() async throws {
        let fake = try await FakeZendeskServer.start(tickets: FakeHelpdeskTicket.sample(count: 4))
        defer { Task { await fake.stop() } }
        let scratch = try Scratch()
        let result = try await scratch.runner.run(["sync", "zendesk", "--since", "2026-01-01", "--dry-run", "--db", "s.sqlite"],
                                                  environment: environment(fake))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").filter { $0.hasPrefix("new\tzendesk:") }.count == 4)
        let count = try await DatabaseQueue(path: scratch.path("s.sqlite")).read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets"), try Int.fetchOne(db, sql: "SELECT count(*) FROM sync_cursors"))
        }
        #expect(count.0 == 0 && count.1 == 0)
    }

    /// A sync killed with SIGKILL while it waits for its third page: the rerun stores exactly the rest.
    @Test("a sync killed mid-way resumes from the stored cursor: nothing lost, nothing twice")
    func killedSyncResumes() async throws {
        let fake = try await FakeZendeskServer.start(tickets: FakeHelpdeskTicket.sample(count: 250))
        defer { Task { await fake.stop() } }
        await fake.inject([.pass, .pass, .delay(.seconds(30))], on: .list)
        let scratch = try Scratch()
        try "helpdesk:\n  zendesk:\n    page_size: 100\n".write(toFile: scratch.path("triage.yml"), atomically: true, encoding: .utf8)
        let child = try scratch.runner.start(["sync", "zendesk", "--since", "2026-01-01", "--db", "s.sqlite"], environment: environment(fake))
        var listRequests = 0
        for _ in 0..<400 {
            listRequests = await fake.requests.filter { $0.endpoint == .list }.count
            if listRequests >= 3 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        try #require(listRequests >= 3)
        kill(child.process.processIdentifier, SIGKILL)
        child.process.waitUntilExit()
        let store = try DatabaseQueue(path: scratch.path("s.sqlite"))
        let before = try await store.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets") ?? -1,
             try Int.fetchOne(db, sql: "SELECT tickets FROM sync_cursors") ?? -1)
        }
        #expect(before.0 == 200 && before.1 == 200)

        let rerun = try await scratch.runner.run(["sync", "zendesk", "--db", "s.sqlite"], environment: environment(fake))
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains("stored 50 new, 0 updated, 0 unchanged"))
        let after = try await store.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets") ?? -1,
             try Int.fetchOne(db, sql: "SELECT count(DISTINCT external_id) FROM tickets") ?? -1,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM messages") ?? -1)
        }
        #expect(after.0 == 250 && after.1 == 250)
        #expect(after.2 == FakeHelpdeskTicket.sample(count: 250).reduce(0) { $0 + $1.comments.count })
    }
}
