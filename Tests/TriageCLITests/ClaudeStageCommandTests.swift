import Foundation
import Testing
import TriageTestSupport

/// `triage run --backend claude` stopping on fatal answers, honouring --concurrency, and `triage summarize`,
/// the binary talking HTTP on loopback to the project's fake Anthropic server.
@Suite(.serialized) struct ClaudeStageCommandTests {
    static let sample = CLIRunner.repositoryRoot.appendingPathComponent("SampleTickets/jira/issues.json").path

    static func imported() async throws -> Scratch {
        let scratch = try Scratch()
        let result = try await scratch.runner.run(["import", "--db", "s.sqlite", sample])
        #expect(result.status == 0, "\(result.stderr)")
        return scratch
    }

    static func environment(_ server: MockAnthropicServer, key: String = "sk-ant-mock-key") -> [String: String] {
        ["ANTHROPIC_API_KEY": key, "ANTHROPIC_BASE_URL": server.baseURL.absoluteString]
    }

    @Test func aWrongKeyStopsTheRunAtTheFirstAnswerWithExit78() async throws {
        let server = try await MockAnthropicServer.start()
        defer { Task { await server.stop() } }
        let scratch = try await Self.imported()
        let run = try await scratch.runner.run(["run", "--db", "s.sqlite", "--backend", "claude", "--concurrency", "8"],
                                               environment: Self.environment(server, key: "sk-ant-not-the-key"))
        #expect(run.status == 78, "\(run.stderr)")
        #expect(run.stderr.contains("ANTHROPIC_API_KEY") && run.stderr.contains("401"))
        #expect(!run.stderr.contains("sk-ant-not-the-key") && !run.stdout.contains("sk-ant-not-the-key"))
        #expect(await server.receivedRequests().count == 1)
        // Nothing was lost: every ticket is still pending.
        let stats = try await scratch.runner.run(["stats", "--db", "s.sqlite", "--format", "json"])
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(figures["pending_triage"] as? Int == 40)
    }

    @Test func anUnreachableAPIExits69() async throws {
        let server = try await MockAnthropicServer.start()
        let environment = Self.environment(server)
        await server.stop()
        let scratch = try await Self.imported()
        let run = try await scratch.runner.run(["run", "--db", "s.sqlite", "--backend", "claude"], environment: environment)
        #expect(run.status == 69, "\(run.stderr)")
        #expect(run.stderr.contains("unreachable"))
    }

    @Test func concurrencyAboveSixteenIsHonoured() async throws {
        // Five seconds per answer, so the requests overlap even when the machine is so busy that the (debug) binary
        // needs seconds to prepare 32 requests.
        let server = try await MockAnthropicServer.start(options: .init(timeToFirstToken: .seconds(5)))
        defer { Task { await server.stop() } }
        let scratch = try await Self.imported()
        let run = try await scratch.runner.run(["run", "--db", "s.sqlite", "--backend", "claude", "--concurrency", "32"],
                                               environment: Self.environment(server))
        #expect(run.status == 0, "\(run.stderr)")
        let most = await server.maxRequestsInFlight()
        #expect(most > 16 && most <= 32, "at most \(most) requests were in flight")
    }

    /// The first `summary` value anywhere in a JSON document.
    static func summary(in json: Any) -> String? {
        if let object = json as? [String: Any] {
            if let summary = object["summary"] as? String { return summary }
            for value in object.values { if let found = summary(in: value) { return found } }
        }
        if let array = json as? [Any] { for value in array { if let found = summary(in: value) { return found } } }
        return nil
    }

    static func storedSummary(_ scratch: Scratch, _ id: String) async throws -> String? {
        let show = try await scratch.runner.run(["show", "--db", "s.sqlite", "--format", "json", id])
        return summary(in: try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)))
    }

    static func llmCalls(_ scratch: Scratch) async throws -> Int? {
        let stats = try await scratch.runner.run(["stats", "--db", "s.sqlite", "--format", "json"])
        return (try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])?["llm_calls"] as? Int
    }

    @Test func summarizeStreamsStoresWithItsCallAndABrokenStreamStoresNothing() async throws {
        let server = try await MockAnthropicServer.start()
        defer { Task { await server.stop() } }
        let scratch = try await Self.imported()
        let env = Self.environment(server)

        let untriaged = try await scratch.runner.run(["summarize", "--db", "s.sqlite", "1"], environment: env)
        #expect(untriaged.status == 1 && untriaged.stderr.contains("triage run"))
        #expect(await server.receivedRequests().isEmpty)

        let run = try await scratch.runner.run(["run", "--db", "s.sqlite", "--backend", "local"])
        if run.status != 0 {
            // No trained local model in a fresh store: triage through the fake instead.
            let claudeRun = try await scratch.runner.run(["run", "--db", "s.sqlite", "--backend", "claude"], environment: env)
            #expect(claudeRun.status == 0, "\(claudeRun.stderr)")
        }
        let before = try #require(try await Self.storedSummary(scratch, "1"))
        let callsBefore = try #require(try await Self.llmCalls(scratch))

        let streamed = try await scratch.runner.run(["summarize", "--db", "s.sqlite", "--stream", "1"], environment: env)
        #expect(streamed.status == 0, "\(streamed.stderr)")
        let text = streamed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(text.hasPrefix("Echo:"))
        #expect(try await Self.storedSummary(scratch, "1") == text)
        #expect(text != before)
        #expect(streamed.stderr.contains("summary stored") && streamed.stderr.contains("$"))
        #expect(try await Self.llmCalls(scratch) == callsBefore + 1)
        let sent = try #require(await server.receivedRequests().last)
        #expect(String(decoding: sent.body, as: UTF8.self).contains(#""stream":true"#))

        await server.script([.errorEventMidStream(type: "overloaded_error")])
        let broken = try await scratch.runner.run(["summarize", "--db", "s.sqlite", "--stream", "1"], environment: env)
        #expect(broken.status == 69, "\(broken.stderr)")
        #expect(broken.stderr.contains("broke off") && broken.stderr.contains("nothing was stored"))
        #expect(try await Self.storedSummary(scratch, "1") == text, "the half summary was not stored")
        #expect(try await Self.llmCalls(scratch) == callsBefore + 2, "the failed call is recorded")

        let json = try await scratch.runner.run(["summarize", "--db", "s.sqlite", "--format", "json", "1", "2"], environment: env)
        #expect(json.status == 0, "\(json.stderr)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count == 2)
        #expect(entries.first?["ticket_id"] as? Int == 1)
        #expect((entries.first?["cost_usd"] as? Double ?? 0) > 0)
        #expect(entries.first?["backend"] as? String == "claude")

        let local = try await scratch.runner.run(["summarize", "--db", "s.sqlite", "--backend", "local", "2"])
        #expect(local.status == 0, "\(local.stderr)")
        #expect(try await Self.storedSummary(scratch, "2") == local.stdout.trimmingCharacters(in: .whitespacesAndNewlines))

        let usage = try await scratch.runner.run(["summarize", "--db", "s.sqlite", "--stream", "--format", "json", "1"], environment: env)
        #expect(usage.status == 64)
    }
}
