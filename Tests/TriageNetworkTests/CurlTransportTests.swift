import FlyingFox
import Foundation
import Testing
import TriageNetwork
import TriageTestSupport

/// `CurlTransport` against a real HTTP server on loopback.
@Suite("CurlTransport")
struct CurlTransportTests {
    private let transport = CurlTransport(configuration: .init(connectTimeout: .seconds(2), timeout: .seconds(20)))

    @Test("GET returns status, headers and body")
    func simpleGet() async throws {
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("GET /hello") { request in
                let name = request.query.first { $0.name == "name" }?.value ?? "nobody"
                return FlyingFox.HTTPResponse(statusCode: .ok, headers: [HTTPHeader("X-Greeting"): "yes"],
                                              body: Data("hello \(name)".utf8))
            }
        }
        let response = try await transport.send(HTTPRequest(url: server.baseURL.appending(path: "hello")
            .appending(queryItems: [URLQueryItem(name: "name", value: "ada")])))
        #expect(response.status == 200)
        #expect(response.headers["x-greeting"] == "yes")
        let body = try await response.body.collect(upTo: 1 << 20)
        #expect(String(decoding: body, as: UTF8.self) == "hello ada")
        await server.stop()
    }

    @Test("POST sends the body and headers; a 4xx is a response, not an error")
    func postEcho() async throws {
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("POST /echo") { request in
                let body = try await request.bodyData
                let status: HTTPStatusCode = request.headers[HTTPHeader("X-Fail")] == "1" ? .badRequest : .ok
                return FlyingFox.HTTPResponse(statusCode: status,
                                              headers: [HTTPHeader("X-Type"): request.headers[.contentType] ?? "-"],
                                              body: Data(body.reversed()))
            }
        }
        let payload = Data((0..<50_000).map { UInt8($0 % 251) })
        var request = HTTPRequest(method: "POST", url: server.baseURL.appending(path: "echo"),
                                  headers: ["Content-Type": "application/octet-stream"], body: payload)
        let response = try await transport.send(request)
        #expect(response.status == 200)
        #expect(response.headers["X-Type"] == "application/octet-stream")
        #expect(try await response.body.collect(upTo: 1 << 20) == Data(payload.reversed()))

        request.headers["X-Fail"] = "1"
        let failed = try await transport.send(request)
        #expect(failed.status == 400)
        await server.stop()
    }

    @Test("the body streams: the first chunk arrives before the server has written the rest")
    func streamingBody() async throws {
        let (gate, opener) = AsyncStream<Void>.makeStream()
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("GET /stream") { _ in
                let (chunks, writer) = AsyncThrowingStream<Data, any Error>.makeStream()
                Task {
                    writer.yield(Data("first|".utf8))
                    // Waits until the client has seen the first chunk.
                    for await _ in gate { break }
                    writer.yield(Data("second".utf8))
                    writer.finish()
                }
                return FlyingFox.HTTPResponse(statusCode: .ok, body: .streamed(chunks))
            }
        }
        let response = try await transport.send(HTTPRequest(url: server.baseURL.appending(path: "stream")))
        var received = ""
        for try await chunk in response.body {
            received += String(decoding: chunk, as: UTF8.self)
            if received == "first|" { opener.yield() }
        }
        #expect(received == "first|second")
        await server.stop()
    }

    @Test("a refused connection is connectionFailed")
    func connectionRefused() async throws {
        let server = try await LoopbackServer.start { _ in }
        let url = server.baseURL
        await server.stop()
        try await Task.sleep(for: .milliseconds(50))
        await #expect(throws: NetworkError.self) {
            _ = try await transport.send(HTTPRequest(url: url))
        }
        do {
            _ = try await transport.send(HTTPRequest(url: url))
        } catch let error as NetworkError {
            guard case .connectionFailed = error else {
                Issue.record("expected connectionFailed, got \(error)")
                return
            }
            #expect(error.isTransient)
        }
    }

    @Test("total timeout, idle timeout and a truncated body are typed errors")
    func timeoutsAndTruncation() async throws {
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("GET /slow") { _ in
                try await Task.sleep(for: .seconds(10))
                return FlyingFox.HTTPResponse(statusCode: .ok)
            }
            await server.appendRoute("GET /stall") { _ in
                let (chunks, writer) = AsyncThrowingStream<Data, any Error>.makeStream()
                Task {
                    writer.yield(Data("partial".utf8))
                    try? await Task.sleep(for: .seconds(12))
                    writer.finish()
                }
                return FlyingFox.HTTPResponse(statusCode: .ok, body: .streamed(chunks))
            }
            await server.appendRoute("GET /truncated") { _ in
                let (chunks, writer) = AsyncThrowingStream<Data, any Error>.makeStream()
                writer.yield(Data("only a part".utf8))
                writer.finish(throwing: CancellationError())
                return FlyingFox.HTTPResponse(statusCode: .ok, body: .streamed(chunks, count: 1000))
            }
        }
        let clock = ContinuousClock()

        let start = clock.now
        let total = await #expect(throws: NetworkError.self) {
            _ = try await transport.send(HTTPRequest(url: server.baseURL.appending(path: "slow"), timeout: .milliseconds(300)))
        }
        #expect(total == .timedOut(.total, host: "127.0.0.1", after: .milliseconds(300)))
        #expect(clock.now - start < .seconds(6))   // did not wait for the 10 s answer

        let stalled = try await transport.send(HTTPRequest(url: server.baseURL.appending(path: "stall"),
                                                           idleTimeout: .seconds(3)))
        #expect(stalled.status == 200)
        let idle = await #expect(throws: NetworkError.self) {
            _ = try await stalled.body.collect(upTo: 1 << 20)
        }
        #expect(idle == .timedOut(.idle, host: "127.0.0.1", after: .seconds(3)))

        let truncated = await #expect(throws: NetworkError.self) {
            let response = try await transport.send(HTTPRequest(url: server.baseURL.appending(path: "truncated")))
            _ = try await response.body.collect(upTo: 1 << 20)
        }
        if case .connectionLost = truncated {} else { Issue.record("expected connectionLost, got \(String(describing: truncated))") }
        await server.stop()
    }

    @Test("cancelling the task aborts the transfer promptly")
    func cancellation() async throws {
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("GET /slow") { _ in
                try await Task.sleep(for: .seconds(12))
                return FlyingFox.HTTPResponse(statusCode: .ok)
            }
        }
        let clock = ContinuousClock()
        let start = clock.now
        let task = Task { [transport] in
            try await transport.send(HTTPRequest(url: server.baseURL.appending(path: "slow")))
        }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        let result = await task.result
        #expect(throws: NetworkError.cancelled) { try result.get() }
        #expect(clock.now - start < .seconds(8))   // did not wait for the 12 s answer
        await server.stop()
    }

    @Test("sequential requests reuse one connection; concurrent ones run in parallel")
    func reuseAndConcurrency() async throws {
        let peers = PeerLog()
        let inFlight = InFlightGauge()
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("GET /who") { request in
                await peers.record(String(describing: request.remoteAddress))
                return FlyingFox.HTTPResponse(statusCode: .ok, body: Data("x".utf8))
            }
            await server.appendRoute("GET /wait") { _ in
                await inFlight.enter()
                try await Task.sleep(for: .milliseconds(300))
                await inFlight.leave()
                return FlyingFox.HTTPResponse(statusCode: .ok)
            }
        }
        for _ in 0..<10 {
            let response = try await transport.send(HTTPRequest(url: server.baseURL.appending(path: "who")))
            _ = try await response.body.collect(upTo: 100)
        }
        #expect(await peers.distinct == 1)

        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<32 {
                group.addTask { [transport] in
                    try await transport.send(HTTPRequest(url: server.baseURL.appending(path: "wait"))).status
                }
            }
            for try await status in group { #expect(status == 200) }
        }
        // Requests one after another would never overlap at the server; counted there, not timed, so a loaded
        // machine cannot fail it.
        #expect(await inFlight.maximum > 1)
        await server.stop()
    }
}

/// How many requests a route is serving at once, and the most it served at once.
private actor InFlightGauge {
    private var current = 0
    private(set) var maximum = 0
    func enter() { current += 1; maximum = max(maximum, current) }
    func leave() { current -= 1 }
}

private actor PeerLog {
    private var peers: [String] = []
    func record(_ peer: String) { peers.append(peer) }
    var distinct: Int { Set(peers).count }
}

@Suite("CurlTransport lifetime")
struct CurlTransportLifetimeTests {
    @Test("a body keeps streaming after the transport that started it is released")
    func bodyOutlivesTransport() async throws {
        let server = try await LoopbackServer.start { server in
            await server.appendRoute("GET /late") { _ in
                let (chunks, writer) = AsyncThrowingStream<Data, any Error>.makeStream()
                Task {
                    writer.yield(Data("early|".utf8))
                    try? await Task.sleep(for: .milliseconds(200))
                    writer.yield(Data("late".utf8))
                    writer.finish()
                }
                return FlyingFox.HTTPResponse(statusCode: .ok, body: .streamed(chunks))
            }
        }
        var transport: CurlTransport? = CurlTransport()
        let response = try await transport!.send(HTTPRequest(url: server.baseURL.appending(path: "late")))
        transport = nil
        #expect(String(decoding: try await response.body.collect(upTo: 100), as: UTF8.self) == "early|late")
        await server.stop()
    }
}
