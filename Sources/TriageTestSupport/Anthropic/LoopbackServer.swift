import FlyingFox
import FlyingSocks
import Foundation

/// A FlyingFox HTTP server on 127.0.0.1 with an ephemeral port, for tests and benchmarks.
///
/// ```swift
/// let server = try await LoopbackServer.start { server in
///     await server.appendRoute("GET /hello") { _ in HTTPResponse(statusCode: .ok) }
/// }
/// defer { Task { await server.stop() } }
/// ```
public final class LoopbackServer: Sendable {
    public let server: HTTPServer
    /// The port the kernel picked.
    public let port: UInt16
    private let task: Task<Void, any Error>

    /// `http://127.0.0.1:PORT`.
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    private init(server: HTTPServer, port: UInt16, task: Task<Void, any Error>) {
        self.server = server
        self.port = port
        self.task = task
    }

    /// Starts a server on `port` (0: ephemeral) with `handler` for every request or the routes `configure`
    /// adds, and waits until it listens.
    public static func start(port: UInt16 = 0, handler: (any HTTPHandler)? = nil,
                             configure: @Sendable (HTTPServer) async -> Void = { _ in }) async throws -> LoopbackServer {
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
        let server = HTTPServer(config: .init(address: address, timeout: 3600, logger: .disabled), handler: handler)
        await configure(server)
        let task = Task { try await server.run() }
        try await server.waitUntilListening(timeout: 10)
        guard case let .ip4(_, port: boundPort) = await server.listeningAddress else {
            task.cancel()
            throw CancellationError()
        }
        return LoopbackServer(server: server, port: boundPort, task: task)
    }

    /// Stops listening and closes the open connections.
    public func stop() async {
        await server.stop(timeout: 0)
        task.cancel()
    }
}
