import Foundation

/// Runs the built `triage` binary and captures what it printed.
struct CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `triage` executable in the build products folder of the running test bundle (the test target depends on
    /// it, so the build that built the tests built it too).
    static var executable: URL {
        let products = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).deletingLastPathComponent()
        let beside = products.appendingPathComponent("triage")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        // A runner started from elsewhere: the package's default debug folder.
        return repositoryRoot.appendingPathComponent(".build/debug/triage")
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    let directory: URL

    /// Runs `triage arguments…` in `directory` and waits for it — on a thread of its own, never on the
    /// cooperative pool: the child may be talking to a fake server that lives in this test process and needs that
    /// pool to answer (waiting on it there deadlocks a parallel test run on two cores).
    func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    continuation.resume(returning: try runBlocking(arguments, environment: environment))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.start()
        }
    }

    private func runBlocking(_ arguments: [String], environment: [String: String]) throws -> Result {
        let process = try start(arguments, environment: environment)
        // Read stderr on another thread so neither pipe can fill up and stall the child.
        let errData = LockedData()
        let errDone = DispatchSemaphore(value: 0)
        Thread {
            errData.set(process.standardErrorPipe.fileHandleForReading.readDataToEndOfFile())
            errDone.signal()
        }.start()
        let out = process.standardOutputPipe.fileHandleForReading.readDataToEndOfFile()
        errDone.wait()
        process.process.waitUntilExit()
        return Result(status: process.process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: errData.get(), as: UTF8.self))
    }

    struct Running {
        var process: Process
        var standardOutputPipe: Pipe
        var standardErrorPipe: Pipe
    }

    func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Running {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["TRIAGE_DB"] = nil
        env["TRIAGE_CONFIG"] = nil
        env["ANTHROPIC_API_KEY"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Running(process: process, standardOutputPipe: out, standardErrorPipe: err)
    }
}

/// A scratch folder for one CLI test.
final class Scratch {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    var runner: CLIRunner { CLIRunner(directory: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// Bytes handed from a reader thread to the waiting one.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}
