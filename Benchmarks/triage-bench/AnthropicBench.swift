import AnthropicClient
import ArgumentParser
import Foundation
import Logging
import Synchronization
import TicketTriage
import TriageClassify
import TriageModel
import TriageStore
import TriageTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `triage-bench anthropic`: client throughput and CPU against the fake API with a fixed latency.
///
/// With 300 ms per request and 64 requests in flight the ideal is 64 / 0.3 s ≈ 213 requests/s.
/// By default the fake runs as a child process (`mock-anthropic`, next to this binary) so that
/// `getrusage` counts the client alone; `--in-process` runs it inside (CPU then includes the server).
struct AnthropicBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anthropic",
        abstract: "Requests/s and client CPU per request against mock-anthropic (300 ms latency, 64 in flight)."
    )

    @Option(help: "Measured requests (after a warm-up round).") var requests = 1280
    @Option(help: "Requests in flight.") var concurrency = 64
    @Option(help: "Server latency per request, in milliseconds.") var latencyMs = 300
    @Flag(help: "Run the fake inside this process (CPU figures then include the server).") var inProcess = false
    @Flag(help: "The whole triage stage: tickets in an SQLite file, TriageRunner + ClaudeClassifier (prompt, structured output, validation), results and calls written to the store.")
    var pipeline = false

    func run() async throws {
        let (baseURL, key, stopServer) = try await startServer()
        defer { stopServer() }
        var configuration = AnthropicConfiguration(apiKey: APIKey(key), baseURL: baseURL)
        configuration.maxConcurrentRequests = concurrency
        if pipeline { return try await runPipeline(configuration: configuration) }
        let client = AnthropicClient(configuration: configuration)

        _ = try await runRound(client: client, count: concurrency)  // warm-up: opens the connections
        let cpuBefore = Self.cpuSeconds()
        let wallStart = ContinuousClock.now
        let failures = try await runRound(client: client, count: requests)
        let wall = ContinuousClock.now - wallStart
        let cpu = Self.cpuSeconds() - cpuBefore

        let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
        let rate = Double(requests) / seconds
        let ideal = Double(concurrency) / (Double(latencyMs) / 1000)
        let report = """
            anthropic: \(requests) requests, \(concurrency) in flight, \(latencyMs) ms latency, server \(inProcess ? "in-process" : "child process")
              wall            \(String(format: "%.2f", seconds)) s
              throughput      \(String(format: "%.1f", rate)) requests/s (ideal \(String(format: "%.1f", ideal)); \(String(format: "%.1f", rate / ideal * 100)) %)
              CPU per request \(String(format: "%.3f", cpu / Double(requests) * 1000)) ms (\(inProcess ? "client + server" : "client only"))
              failures        \(failures)

            """
        FileHandle.standardOutput.write(Data(report.utf8))
    }

    /// `--pipeline`: `requests` pending tickets triaged by the runner with `concurrency` in flight, store writes
    /// included. The measured time includes the runner's warm-up request (which goes alone, by design).
    private func runPipeline(configuration: AnthropicConfiguration) async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "anthropic-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try TicketStore(path: directory.appending(path: "bench.sqlite").path)
        let tickets = (0..<requests).map { i in
            ImportedTicket(source: "bench", externalID: String(i), subject: "Ticket \(i): the export button does nothing",
                           messages: [ImportedMessage(externalID: "m\(i)", text: "Since the update the CSV export button on the reports page does nothing. Order \(i).")])
        }
        _ = try store.upsert(tickets, runID: nil)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let prompt = try ClaudePromptTemplate.load(directory: root.appending(path: "Templates/prompts").path)
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let claude = try ClaudeClassifier(client: AnthropicClient(configuration: configuration, logger: logger), settings: ClaudeSettings(),
                                          departments: Department.defaults, prompt: prompt, logger: logger)
        let runner = TriageRunner(store: store, classifier: claude, backendName: "claude", concurrency: concurrency, logger: logger)

        let cpuBefore = Self.cpuSeconds()
        let wallStart = ContinuousClock.now
        // In flight once each answer is handled (the next call started): the share of the slots kept busy.
        let occupancy = Mutex<(samples: Int, sum: Int)>((0, 0))
        let report = try await runner.run { progress in
            occupancy.withLock { $0.samples += 1; $0.sum += progress.inFlight }
        }
        let wall = ContinuousClock.now - wallStart
        let cpu = Self.cpuSeconds() - cpuBefore

        let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
        let rate = Double(report.triaged) / seconds
        let ideal = Double(concurrency) / (Double(latencyMs) / 1000)
        let meanInFlight = occupancy.withLock { Double($0.sum) / Double(max(1, $0.samples)) }
        let text = """
            anthropic --pipeline: \(requests) tickets, \(concurrency) in flight, \(latencyMs) ms latency, server \(inProcess ? "in-process" : "child process")
              wall            \(String(format: "%.2f", seconds)) s (one warm-up request goes alone first)
              throughput      \(String(format: "%.1f", rate)) tickets/s (ideal \(String(format: "%.1f", ideal)); \(String(format: "%.1f", rate / ideal * 100)) %)
              CPU per ticket  \(String(format: "%.3f", cpu / Double(max(1, report.triaged)) * 1000)) ms (whole process: runner, client, store writes\(inProcess ? ", server" : ""))
              in flight       \(String(format: "%.1f", meanInFlight)) mean after each answer (of \(concurrency))
              triaged         \(report.triaged), failed \(report.failed)

            """
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Sends `count` requests with `concurrency` in flight; returns how many failed.
    private func runRound(client: AnthropicClient, count: Int) async throws -> Int {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            var started = 0
            var failures = 0
            func add() {
                let index = started
                started += 1
                group.addTask {
                    let request = MessageRequest(model: "claude-haiku-5-5", maxTokens: 200,
                                                 messages: [.user("Ticket \(index): the export button does nothing")])
                    return (try? await client.createMessage(request)) != nil
                }
            }
            while started < min(concurrency, count) { add() }
            while let succeeded = try await group.next() {
                if !succeeded { failures += 1 }
                if started < count { add() }
            }
            return failures
        }
    }

    private func startServer() async throws -> (URL, String, () -> Void) {
        let key = "sk-ant-bench"
        var options = MockAnthropicServer.Options(apiKey: key, timeToFirstToken: .milliseconds(latencyMs))
        options.requestsPerMinute = 1_000_000
        let sibling = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "mock-anthropic")
        guard !inProcess, FileManager.default.isExecutableFile(atPath: sibling.path) else {
            let server = try await MockAnthropicServer.start(options: options)
            return (server.baseURL, key, { Task { await server.stop() } })
        }
        let process = Process()
        process.executableURL = sibling
        process.arguments = ["--latency-ms", "\(latencyMs)", "--key", key]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // The first line names the URL; the child exits when its stdin closes.
        var banner = Data()
        while !banner.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner.append(chunk)
        }
        let line = String(decoding: banner, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        guard let url = line.split(separator: " ").last.flatMap({ URL(string: String($0)) }) else {
            kill(process.processIdentifier, SIGKILL)
            throw ValidationError("mock-anthropic did not report its URL: \(line)")
        }
        return (url, key, {
            try? input.fileHandleForWriting.close()
            kill(process.processIdentifier, SIGKILL)
        })
    }

    /// User + system CPU time of this process, in seconds.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
