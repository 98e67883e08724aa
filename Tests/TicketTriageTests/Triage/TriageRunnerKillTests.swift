import AnthropicClient
import Foundation
import Logging
import Testing
import TriageClassify
import TriageModel
import TriageStore
import TriageTestSupport
@testable import TicketTriage

/// The kill-and-rerun guarantee with a real SIGKILL: a child process (this test binary, running only
/// ``childRun()``) triages a file store against the fake; the parent kills it mid-run, reruns, and checks that
/// every ticket was triaged exactly once and no saved result's call was repeated.
@Suite struct TriageRunnerKillTests {
    static let dbVariable = "TRIAGE_KILL_CHILD_DB"
    static let urlVariable = "TRIAGE_KILL_CHILD_URL"
    static let leaseSeconds = 2.0

    /// The child's body; runs only when the parent test starts this binary with the variables set.
    @Test(.enabled(if: ProcessInfo.processInfo.environment[TriageRunnerKillTests.dbVariable] != nil))
    func childRun() async throws {
        let environment = ProcessInfo.processInfo.environment
        let dbPath = try #require(environment[Self.dbVariable])
        let urlText = try #require(environment[Self.urlVariable])
        let store = try TicketStore(path: dbPath)
        let baseURL = try #require(URL(string: urlText))
        let client = AnthropicClient(configuration: AnthropicConfiguration(apiKey: APIKey("sk-ant-mock-key"), baseURL: baseURL))
        let prompt = try ClaudePromptTemplate.load(directory: ClaudeRunFixtures.repositoryRoot.appendingPathComponent("Templates/prompts").path)
        let claude = try ClaudeClassifier(client: client, settings: ClaudeSettings(), departments: Department.defaults, prompt: prompt)
        var runner = TriageRunner(store: store, classifier: claude, backendName: "claude", concurrency: 4, logger: Logger(label: "child"))
        runner.leaseDuration = Self.leaseSeconds
        _ = try await runner.run()
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment[TriageRunnerKillTests.dbVariable] == nil))
    func sigkillMidRunThenRerunTriagesEachTicketOnce() async throws {
        var options = MockAnthropicServer.Options()
        options.timeToFirstToken = .milliseconds(40)
        let mock = try await MockAnthropicServer.start(options: options)
        defer { Task { await mock.stop() } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("triage.sqlite").path
        let store = try TicketStore(path: path)
        _ = try store.upsert((1...40).map { ClaudeRunFixtures.ticket($0) }, runID: nil)

        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        child.arguments = ["--testing-library", "swift-testing", "--filter", "childRun"]
        var environment = ProcessInfo.processInfo.environment
        environment[Self.dbVariable] = path
        environment[Self.urlVariable] = mock.baseURL.absoluteString
        child.environment = environment
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        let deadline = Date().addingTimeInterval(120)
        while try store.statistics().triaged < 8, child.isRunning, Date() < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        let afterKill = try store.statistics()
        #expect(child.terminationReason == .uncaughtSignal)
        #expect(afterKill.triaged >= 8 && afterKill.triaged < 40)
        #expect(afterKill.llmCalls == afterKill.triaged)

        // The dead run's process is gone on this host: its leases are taken over at once (what `triage run` does
        // first), without waiting for them to expire; the rerun takes the rest.
        _ = try store.takeOverDeadRuns(runs: [])
        let claude = try ClaudeRunFixtures.claude(mock)
        let rerun = try await TriageRunner(store: store, classifier: claude, backendName: "claude", concurrency: 4,
                                           logger: Logger(label: "test")).run()
        let final = try store.statistics()
        #expect(rerun.triaged == 40 - afterKill.triaged)
        #expect(final.triaged == 40 && final.pendingTriage == 0)
        // One recorded call per ticket: nothing saved before the kill was asked again. The extra requests the
        // fake saw are the calls in flight at the kill (paid, unrecorded: at most the concurrency).
        #expect(final.llmCalls == 40)
        let sent = await mock.receivedRequests().filter { $0.path.hasSuffix("/v1/messages") }.count
        #expect(sent >= 40 && sent <= 40 + 4)
    }
}
