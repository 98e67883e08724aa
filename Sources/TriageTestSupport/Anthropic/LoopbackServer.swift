import FlyingFox
import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
        disableNagle(listeningOn: boundPort)
        return LoopbackServer(server: server, port: boundPort, task: task)
    }

    /// Sets TCP_NODELAY on the listening socket (accepted connections inherit it on Linux).
    ///
    /// FlyingFox writes a response head and body in separate writes and does not set TCP_NODELAY;
    /// on a kept-alive connection Nagle then holds the body until the client's delayed ACK (~40 ms),
    /// a stall no real API shows. FlyingFox does not expose its socket, so find it by its port.
    private static func disableNagle(listeningOn port: UInt16) {
        #if canImport(Glibc)
        for descriptor in Int32(3)..<Int32(4096) {
            var address = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let found = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
            }
            guard found == 0, address.sin_family == sa_family_t(AF_INET), UInt16(bigEndian: address.sin_port) == port else { continue }
            var listening: Int32 = 0
            var optionLength = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(descriptor, SOL_SOCKET, SO_ACCEPTCONN, &listening, &optionLength) == 0, listening != 0 else { continue }
            var on: Int32 = 1
            _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
            return
        }
        #endif
    }

    /// Stops listening and closes the open connections.
    public func stop() async {
        await server.stop(timeout: 0)
        task.cancel()
    }
}
