import FlyingFox
import Foundation

/// A webhook endpoint on 127.0.0.1 for delivery tests: answers POSTs with 200, or with scripted faults, and
/// records what it received, deduplicating by the `Idempotency-Key` header as a careful receiver would.
///
/// ```swift
/// let receiver = try await WebhookReceiver.start(faults: [.status(500), .reset])
/// // deliver to receiver.url …
/// #expect(await receiver.uniqueKeys.count == 3)
/// ```
public final class WebhookReceiver: Sendable {
    private let server: LoopbackServer
    private let state: WebhookLedger

    /// `http://127.0.0.1:PORT/hook`.
    public var url: URL { server.baseURL.appendingPathComponent("hook") }

    private init(server: LoopbackServer, state: WebhookLedger) {
        self.server = server
        self.state = state
    }

    /// Starts a receiver that answers the first requests with `faults`, in order, and every later one with 200.
    public static func start(faults: [WebhookFault] = [], port: UInt16 = 0) async throws -> WebhookReceiver {
        let state = WebhookLedger(faults: faults)
        let server = try await LoopbackServer.start(port: port, handler: ClosureHTTPHandler { request in
            let body = try await request.bodyData
            let key = request.headers[HTTPHeader("Idempotency-Key")]
            await state.noteArrival()
            switch await state.nextFault() {
            case let .status(code)?:
                await state.noteAttempt()
                return FlyingFox.HTTPResponse(statusCode: HTTPStatusCode(code, phrase: "Scripted"), body: Data("{}".utf8))
            case let .delay(duration)?:
                try? await Task.sleep(for: duration)
            case .reset?:
                await state.noteAttempt()
                let (chunks, writer) = AsyncThrowingStream<Data, any Error>.makeStream()
                writer.finish(throwing: CancellationError())
                return FlyingFox.HTTPResponse(statusCode: .ok, body: .streamed(chunks, count: 64))
            case nil:
                break
            }
            await state.receive(key: key, body: body)
            return FlyingFox.HTTPResponse(statusCode: .ok, body: Data("{\"ok\":true}".utf8))
        })
        return WebhookReceiver(server: server, state: state)
    }

    /// Requests that reached the handler (faulted ones included), counted when answered.
    public var requestCount: Int { get async { await state.attempts } }
    /// Requests that reached the handler, counted on arrival: a request held by a `.delay` fault counts at once
    /// (tests wait for it instead of sleeping).
    public var arrivalCount: Int { get async { await state.arrivals } }
    /// Every received body's idempotency key, repeats included, in arrival order (`""` when the header was missing).
    public var receivedKeys: [String] { get async { await state.keys } }
    /// Distinct keys received: what a deduplicating receiver processes.
    public var uniqueKeys: Set<String> { get async { Set(await state.keys) } }
    /// Bodies by key (the first one received).
    public var bodies: [String: String] { get async { await state.bodies } }

    /// Stops listening.
    public func stop() async { await server.stop() }
}

/// The receiver's mutable state.
actor WebhookLedger {
    private var faults: [WebhookFault]
    private(set) var attempts = 0
    private(set) var arrivals = 0
    private(set) var keys: [String] = []
    private(set) var bodies: [String: String] = [:]

    init(faults: [WebhookFault]) { self.faults = faults }

    func nextFault() -> WebhookFault? {
        faults.isEmpty ? nil : faults.removeFirst()
    }

    func noteAttempt() { attempts += 1 }

    func noteArrival() { arrivals += 1 }

    func receive(key: String?, body: Data) {
        attempts += 1
        let key = key ?? ""
        keys.append(key)
        if bodies[key] == nil { bodies[key] = String(decoding: body, as: UTF8.self) }
    }
}
