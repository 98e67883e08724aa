import Foundation
import GRDB
import Testing

@Suite(.serialized) struct ImportCommandTests {
    static let samples = CLIRunner.repositoryRoot.appendingPathComponent("SampleTickets").path

    @Test func importingTwiceReportsNothingNewTheSecondTime() async throws {
        let scratch = try Scratch()
        let first = try await scratch.runner.run(["import", "--db", "s.sqlite", "\(Self.samples)/freshdesk/tickets.json"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("45 new, 0 updated, 0 unchanged, 0 failed"))
        let second = try await scratch.runner.run(["import", "--db", "s.sqlite", "--format", "json", "\(Self.samples)/freshdesk/tickets.json"])
        #expect(second.status == 0)
        let reports = try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [[String: Any]]
        let counts = reports?.first?["counts"] as? [String: Int]
        #expect(counts?["new"] == 0 && counts?["updated"] == 0 && counts?["unchanged"] == 45)
    }

    @Test func partialFailureHasItsOwnExitCodeAndNamesTheLine() async throws {
        let scratch = try Scratch()
        try Data("""
            {"ref": "1", "title": "fine"}
            {"ref": "2", "title": "broken
            {"ref": "3", "title": "fine too"}
            """.utf8).write(to: URL(fileURLWithPath: scratch.path("export.jsonl")))
        try Data("fields: {external_id: ref, subject: title}\n".utf8).write(to: URL(fileURLWithPath: scratch.path("mapping.yml")))
        let result = try await scratch.runner.run(["import", "--db", "s.sqlite", "export.jsonl"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("export.jsonl:2"))
        #expect(result.stdout.contains("2 new, 0 updated, 0 unchanged, 1 failed"))
        #expect(!result.stdout.contains("error:"), "diagnostics belong on stderr")
    }

    @Test func missingFileAndUnknownTicketAreClearErrors() async throws {
        let scratch = try Scratch()
        let missing = try await scratch.runner.run(["import", "--db", "s.sqlite", "nope.json"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("nope.json") && missing.stderr.contains("no such file"))
        _ = try await scratch.runner.run(["import", "--db", "s.sqlite", "\(Self.samples)/jira/issues.json"])
        let show = try await scratch.runner.run(["show", "--db", "s.sqlite", "jira:SUP-999"])
        #expect(show.status == 66)
        #expect(show.stderr.contains("no ticket jira:SUP-999"))
        let noStore = try await scratch.runner.run(["list", "--db", "absent.sqlite"])
        #expect(noStore.status == 66 && noStore.stderr.contains("triage import"))
    }

    @Test func showSearchListAndExportReadTheStore() async throws {
        let scratch = try Scratch()
        _ = try await scratch.runner.run(["import", "--db", "s.sqlite", "\(Self.samples)/zendesk/tickets.json"])
        let show = try await scratch.runner.run(["show", "--db", "s.sqlite", "--format", "json", "zendesk:41001"])
        #expect(show.status == 0)
        let ticket = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(ticket["label_department"] as? String == "Billing")
        #expect((ticket["messages"] as? [Any])?.count ?? 0 >= 2)
        let search = try await scratch.runner.run(["search", "--db", "s.sqlite", "--format", "json", "charged"])
        #expect(search.stdout.contains("41001"))
        let export = try await scratch.runner.run(["export", "--db", "s.sqlite", "--format", "jsonl"])
        #expect(export.stdout.split(separator: "\n").count == 50)
        let csv = try await scratch.runner.run(["export", "--db", "s.sqlite", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("id,source,external_id,subject"))
    }

    @Test func aKilledImportRunAgainLosesAndDuplicatesNothing() async throws {
        let scratch = try Scratch()
        let count = 40_000
        var text = ""
        text.reserveCapacity(count * 110)
        for i in 1...count { text += #"{"ref": "\#(i)", "title": "Ticket \#(i)", "body": "Customer message number \#(i)"}"# + "\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: scratch.path("big.jsonl")))
        try Data("fields: {external_id: ref, subject: title, body: body}\n".utf8).write(to: URL(fileURLWithPath: scratch.path("mapping.yml")))

        let running = try scratch.runner.start(["import", "--db", "s.sqlite", "big.jsonl"])
        // Wait until some batches are committed, then kill without warning.
        let deadline = Date().addingTimeInterval(60)
        var stored = 0
        while Date() < deadline, running.process.isRunning {
            stored = Self.ticketCount(scratch.path("s.sqlite"))
            if stored > 0 { break }
            usleep(20_000)
        }
        if running.process.isRunning { kill(running.process.processIdentifier, SIGKILL) }
        running.process.waitUntilExit()
        let afterKill = Self.ticketCount(scratch.path("s.sqlite"))
        #expect(afterKill > 0)

        let again = try await scratch.runner.run(["import", "--db", "s.sqlite", "big.jsonl"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(Self.ticketCount(scratch.path("s.sqlite")) == count)
        #expect(Self.scalar(scratch.path("s.sqlite"), "SELECT count(*) FROM messages") == count)
        // Each ticket indexed exactly once (the index's own per-document table; a count over the FTS table itself
        // would read the tickets), and a word of the last ticket found once.
        #expect(Self.scalar(scratch.path("s.sqlite"), "SELECT count(*) FROM ticket_search_docsize") == count)
        #expect(Self.scalar(scratch.path("s.sqlite"), "SELECT count(*) FROM ticket_search WHERE ticket_search MATCH '\(count)'") == 1)
        if afterKill < count {
            #expect(again.stdout.contains("\(count - afterKill) new"))
        }
    }

    static func ticketCount(_ db: String) -> Int { scalar(db, "SELECT count(*) FROM tickets") }

    /// Reads one number from the store, read-only, while another process may be writing it.
    static func scalar(_ db: String, _ sql: String) -> Int {
        guard FileManager.default.fileExists(atPath: db) else { return 0 }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        guard let queue = try? DatabaseQueue(path: db, configuration: configuration) else { return 0 }
        let value = try? queue.read { try Int.fetchOne($0, sql: sql) }
        return (value ?? nil) ?? 0
    }
}
