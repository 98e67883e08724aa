import Foundation
import Testing
import TriageTestSupport

/// `triage run` through Claude, the binary talking HTTP on loopback to the project's fake Anthropic server.
@Suite(.serialized) struct ClaudeRunCommandTests {
    static let samples = CLIRunner.repositoryRoot.appendingPathComponent("SampleTickets")

    @Test func claudeBackendTriagesRecordsCostsAndNeverStoresTheKey() async throws {
        let server = try await MockAnthropicServer.start()
        defer { Task { await server.stop() } }
        let scratch = try Scratch()
        let env = ["ANTHROPIC_API_KEY": "sk-ant-mock-key", "ANTHROPIC_BASE_URL": server.baseURL.absoluteString]
        _ = try await scratch.runner.run(["import", "--db", "s.sqlite", Self.samples.appendingPathComponent("jira/issues.json").path])

        let noKey = try await scratch.runner.run(["run", "--db", "s.sqlite", "--backend", "claude"])
        #expect(noKey.status == 78)
        #expect(noKey.stderr.contains("ANTHROPIC_API_KEY"))

        let run = try await scratch.runner.run(["run", "--db", "s.sqlite", "--backend", "claude", "--format", "json"], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(report["triaged"] as? Int == 40)
        #expect((report["spent_usd"] as? Double ?? 0) > 0)

        let stats = try await scratch.runner.run(["stats", "--db", "s.sqlite", "--format", "json"])
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(figures["llm_calls"] as? Int == 40)
        let requests = await server.receivedRequests()
        #expect(requests.count == 40)

        // The key is in no output and nowhere in the store.
        let stored = try Data(contentsOf: URL(fileURLWithPath: scratch.path("s.sqlite")))
        #expect(stored.range(of: Data("sk-ant-mock-key".utf8)) == nil)
        #expect(!run.stdout.contains("sk-ant-mock-key") && !run.stderr.contains("sk-ant-mock-key"))
    }

    /// `triage batches` shows a submitted batch waiting, then collected, with what it cost.
    @Test func batchesListsSubmittedAndCollectedBatches() async throws {
        let server = try await MockAnthropicServer.start()
        defer { Task { await server.stop() } }
        let scratch = try Scratch()
        let env = ["ANTHROPIC_API_KEY": "sk-ant-mock-key", "ANTHROPIC_BASE_URL": server.baseURL.absoluteString]
        _ = try await scratch.runner.run(["import", "--db", "s.sqlite", Self.samples.appendingPathComponent("jira/issues.json").path])
        let none = try await scratch.runner.run(["batches", "--db", "s.sqlite"])
        #expect(none.status == 0 && none.stdout.isEmpty && none.stderr.contains("no batches"))

        let submit = try await scratch.runner.run(["run", "--db", "s.sqlite", "--backend", "claude", "--batch"], environment: env)
        #expect(submit.status == 0, "\(submit.stderr)")
        func listed() async throws -> [[String: Any]] {
            let list = try await scratch.runner.run(["batches", "--db", "s.sqlite", "--format", "json"])
            #expect(list.status == 0, "\(list.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        }
        let submitted = try await listed()
        #expect(submitted.count == 1)
        #expect(submitted.first?["requests"] as? Int == 40)
        #expect(submitted.first?["waiting"] as? Int == 40)
        #expect(submitted.first?["collected_at"] == nil)
        let id = try #require(submitted.first?["id"] as? String)

        let collect = try await scratch.runner.run(["run", "--db", "s.sqlite", "--backend", "claude", "--batch", "--wait"],
                                                   environment: env)
        #expect(collect.status == 0, "\(collect.stderr)")
        let collected = try await listed()
        #expect(collected.first?["id"] as? String == id)
        #expect(collected.first?["waiting"] as? Int == 0)
        #expect(collected.first?["collected_at"] != nil)
        #expect((collected.first?["cost_usd"] as? Double ?? 0) > 0)
        let text = try await scratch.runner.run(["batches", "--db", "s.sqlite"])
        #expect(text.stdout.contains(id) && text.stdout.contains("WAITING"))
    }

    @Test func resolveSubmissionIsCheckedBeforeAnythingIsSent() async throws {
        let server = try await MockAnthropicServer.start()
        defer { Task { await server.stop() } }
        let scratch = try Scratch()
        let env = ["ANTHROPIC_API_KEY": "sk-ant-mock-key", "ANTHROPIC_BASE_URL": server.baseURL.absoluteString]
        _ = try await scratch.runner.run(["import", "--db", "s.sqlite", Self.samples.appendingPathComponent("jira/issues.json").path])
        let base = ["run", "--db", "s.sqlite", "--backend", "claude"]
        let withoutBatch = try await scratch.runner.run(base + ["--resolve-submission", "pending-1=none"], environment: env)
        #expect(withoutBatch.status == 64)
        let malformed = try await scratch.runner.run(base + ["--batch", "--resolve-submission", "msgbatch_1"], environment: env)
        #expect(malformed.status == 64)
        #expect(malformed.stderr.contains("PENDING_ID=BATCH_ID"))
        let unknown = try await scratch.runner.run(base + ["--batch", "--resolve-submission", "pending-1=none"], environment: env)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no journaled submission pending-1"))
        #expect(await server.receivedRequests().isEmpty)
    }

    @Test func evalReportsAccuracyCostAndLatencyForClaude() async throws {
        let server = try await MockAnthropicServer.start()
        defer { Task { await server.stop() } }
        let scratch = try Scratch()
        let env = ["ANTHROPIC_API_KEY": "sk-ant-mock-key", "ANTHROPIC_BASE_URL": server.baseURL.absoluteString]
        _ = try await scratch.runner.run(["import", "--db", "s.sqlite", Self.samples.appendingPathComponent("jira/issues.json").path])
        let eval = try await scratch.runner.run(["eval", "--db", "s.sqlite", "--backend", "claude", "--format", "json"], environment: env)
        #expect(eval.status == 0, "\(eval.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any])
        #expect(report["count"] as? Int == 8)
        #expect(report["accuracy"] != nil)
        #expect(await server.receivedRequests().count >= 8)
        // Evaluation stores nothing: the tickets are still pending.
        let stats = try await scratch.runner.run(["stats", "--db", "s.sqlite", "--format", "json"])
        #expect(stats.stdout.contains("\"pending_triage\" : 40"))
    }

    @Test func digestSummaryWrittenByClaudeIsRenderedAndItsCallRecorded() async throws {
        let server = try await MockAnthropicServer.start()
        defer { Task { await server.stop() } }
        let scratch = try Scratch()
        let env = ["ANTHROPIC_API_KEY": "sk-ant-mock-key", "ANTHROPIC_BASE_URL": server.baseURL.absoluteString]
        _ = try await scratch.runner.run(["import", "--db", "s.sqlite", Self.samples.appendingPathComponent("zendesk/tickets.json").path])
        _ = try await scratch.runner.run(["train", "--db", "s.sqlite"])
        _ = try await scratch.runner.run(["run", "--db", "s.sqlite"])
        let noKey = try await scratch.runner.run(["digest", "--db", "s.sqlite", "--date", "2026-11-18", "--summary", "claude"])
        #expect(noKey.status == 78 && noKey.stderr.contains("ANTHROPIC_API_KEY"))

        let digest = try await scratch.runner.run(["digest", "--db", "s.sqlite", "--date", "2026-11-18", "--format", "md",
                                                   "--summary", "claude"], environment: env)
        #expect(digest.status == 0, "\(digest.stderr)")
        // The fake answers plain requests with an echo of the prompt's last user text, which starts with the day.
        #expect(digest.stdout.contains("Echo: Day: 2026-11-18"))
        let requests = await server.receivedRequests()
        #expect(requests.count == 1)
        let stats = try await scratch.runner.run(["stats", "--db", "s.sqlite", "--format", "json"])
        #expect(stats.stdout.contains("\"llm_calls\" : 1"))
    }

    @Test func aBudgetTooSmallForOneTicketStopsBeforeAnyCall() async throws {
        let server = try await MockAnthropicServer.start()
        defer { Task { await server.stop() } }
        let scratch = try Scratch()
        let env = ["ANTHROPIC_API_KEY": "sk-ant-mock-key", "ANTHROPIC_BASE_URL": server.baseURL.absoluteString]
        _ = try await scratch.runner.run(["import", "--db", "s.sqlite", Self.samples.appendingPathComponent("jira/issues.json").path])
        let run = try await scratch.runner.run(["run", "--db", "s.sqlite", "--backend", "claude", "--budget", "0.000001", "--format", "json"], environment: env)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(report["status"] as? String == "budget_exhausted")
        #expect(report["triaged"] as? Int == 0)
        #expect(await server.receivedRequests().isEmpty)
    }
}
