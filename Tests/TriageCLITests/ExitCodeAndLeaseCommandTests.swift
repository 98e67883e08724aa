import Foundation
import GRDB
import Testing

/// Documented exit codes, and what a rerun says and does about tickets a killed or running run still holds.
@Suite(.serialized) struct ExitCodeAndLeaseCommandTests {
    static let zendesk = CLIRunner.repositoryRoot.appendingPathComponent("SampleTickets/zendesk/tickets.json").path

    /// A time as the store writes it (`2026-11-19T08:02:11.000Z`).
    static func stamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    @Test func helpListsEveryExitCodeAndRulesCheckTakesRules() async throws {
        let scratch = try Scratch()
        let help = try await scratch.runner.run(["--help"])
        for code in ["0 success", "1 failure", "3 ", "64 usage", "65 ", "66 input missing", "69 ", "75 ", "78 "] {
            #expect(help.stdout.contains(code), "\(code)")
        }
        let rules = CLIRunner.repositoryRoot.appendingPathComponent("SampleTickets/rules.yml").path
        let check = try await scratch.runner.run(["rules", "check", "--rules", rules])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("no problems"))
        let both = try await scratch.runner.run(["rules", "check", rules, "--rules", rules])
        #expect(both.status == 64)
    }

    /// The README's example: a JSON Lines export with its field mapping beside it and one broken record.
    @Test func theReadmeImportExampleBehavesAsDocumented() async throws {
        let scratch = try Scratch()
        try FileManager.default.copyItem(atPath: CLIRunner.repositoryRoot.appendingPathComponent("SampleTickets/generic/mapping.yml").path,
                                         toPath: scratch.path("mapping.yml"))
        try """
            {"ticket_ref": "HD-1", "title": "Card charged twice", "state": "open", "opened": 1794820320, "thread": [{"msg_id": "m1", "from": "a@example.com", "sender_type": "customer", "sent": 1794820320, "text": "Charged twice."}]}
            {"ticket_ref": "HD-2", "title": "Broken
            {"ticket_ref": "HD-3", "title": "Where is my parcel", "state": "open", "opened": 1794820320, "thread": [{"msg_id": "m3", "from": "b@example.com", "sender_type": "customer", "sent": 1794820320, "text": "Not here yet."}]}

            """.write(toFile: scratch.path("export.jsonl"), atomically: true, encoding: .utf8)
        let result = try await scratch.runner.run(["import", "export.jsonl"])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("export.jsonl:2: error: record 2: not valid JSON"))
        #expect(result.stdout.contains("export.jsonl [generic-json, source json]: done with errors — 2 new, 0 updated, 0 unchanged, 1 failed"))
    }

    func trainedScratch() async throws -> Scratch {
        let scratch = try Scratch()
        for step in [["import", CLIRunner.repositoryRoot.appendingPathComponent("SampleTickets").path], ["train"]] {
            let result = try await scratch.runner.run(step + ["--db", "s.sqlite"])
            try #require(result.status == 0, "\(step): \(result.stderr)")
        }
        return scratch
    }

    /// Leases three pending tickets to a run with `pid` on this host, as a killed `triage run` leaves them.
    func leaseThree(_ path: String, pid: Int32) throws -> Int64 {
        let queue = try DatabaseQueue(path: path)
        return try queue.write { db in
            try db.execute(sql: "INSERT INTO triage_runs (started_at, backend) VALUES (?, 'local')",
                           arguments: [Self.stamp( Date())])
            let run = db.lastInsertedRowID
            let owner = "run-\(run)-\(pid)@\(ProcessInfo.processInfo.hostName)"
            let expires = Self.stamp( Date().addingTimeInterval(3600))
            try db.execute(sql: """
                INSERT INTO triage_leases (ticket_id, owner, expires_at) SELECT id, ?, ? FROM tickets ORDER BY id LIMIT 3
                """, arguments: [owner, expires])
            return run
        }
    }

    func runStatus(_ path: String, _ run: Int64) throws -> String? {
        try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "SELECT status FROM triage_runs WHERE id = ?", arguments: [run]) }
    }

    @Test func aRerunTakesOverADeadRunsLeasesAndNamesALiveRunsTickets() async throws {
        let scratch = try await trainedScratch()
        let modelMode = (try FileManager.default.attributesOfItem(atPath: scratch.path("s.model"))[.posixPermissions] as? NSNumber)?.intValue
        #expect(modelMode == 0o600, "the model holds words of customer tickets")
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let deadRun = try leaseThree(scratch.path("s.sqlite"), pid: gone.processIdentifier)
        let rerun = try await scratch.runner.run(["run", "--db", "s.sqlite", "--backend", "local", "--no-route", "--format", "json"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stderr.contains("took over 3 ticket(s) leased by run \(deadRun) (process \(gone.processIdentifier)"))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(rerun.stdout.utf8)) as? [String: Any])
        #expect(report["still_pending"] as? Int == 0)
        #expect(try runStatus(scratch.path("s.sqlite"), deadRun) == "interrupted")

        // A run whose process is alive (this test) keeps its tickets; the rerun names them, the run and the time.
        let import2 = try await scratch.runner.run(["import", "--db", "s.sqlite", "--source", "second", Self.zendesk])
        #expect(import2.status == 0)
        let liveRun = try leaseThreePending(scratch.path("s.sqlite"), pid: getpid())
        let held = try await scratch.runner.run(["run", "--db", "s.sqlite", "--backend", "local", "--no-route"])
        #expect(held.status == 75, "\(held.stderr)")
        #expect(held.stderr.contains("3 ticket(s) are held by run \(liveRun) (process \(getpid()) on \(ProcessInfo.processInfo.hostName)) until "))
        #expect(held.stderr.contains("`triage run --take-over \(liveRun)`"))
        #expect(held.stdout.contains("3 still pending"))
        let takeOver = try await scratch.runner.run(["run", "--db", "s.sqlite", "--backend", "local", "--no-route", "--take-over", "\(liveRun)"])
        #expect(takeOver.status == 0, "\(takeOver.stderr)")
        #expect(takeOver.stdout.contains("0 still pending"))
        #expect(try runStatus(scratch.path("s.sqlite"), liveRun) == "interrupted")
    }

    /// ``leaseThree`` for tickets still pending.
    func leaseThreePending(_ path: String, pid: Int32) throws -> Int64 {
        let queue = try DatabaseQueue(path: path)
        return try queue.write { db in
            try db.execute(sql: "INSERT INTO triage_runs (started_at, backend) VALUES (?, 'local')",
                           arguments: [Self.stamp( Date())])
            let run = db.lastInsertedRowID
            let owner = "run-\(run)-\(pid)@\(ProcessInfo.processInfo.hostName)"
            let expires = Self.stamp( Date().addingTimeInterval(3600))
            try db.execute(sql: """
                INSERT INTO triage_leases (ticket_id, owner, expires_at)
                SELECT id, ?, ? FROM tickets WHERE triaged_hash IS NULL ORDER BY id LIMIT 3
                """, arguments: [owner, expires])
            return run
        }
    }
}
