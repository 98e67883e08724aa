import AnthropicClient
import FlyingFox
import Foundation
import Synchronization

/// A fake of the Anthropic API on 127.0.0.1 (ephemeral port), for tests, benchmarks and demos.
///
/// Serves `POST /v1/messages` (JSON and SSE), `/v1/messages/count_tokens`, `GET /v1/models/{id}` and
/// Message Batches (create, retrieve, results, cancel). It checks the key and version headers and
/// validates bodies like the API (required and unknown fields, sampling parameters per model and
/// version, thinking form, cache_control placement, `additionalProperties:false` in schemas),
/// answers deterministically from the request (see `MockResponder`), simulates prompt caching per
/// model minimum, sends rate-limit headers, and injects scripted faults (`script(_:for:)`).
///
/// ```swift
/// let mock = try await MockAnthropicServer.start()
/// await mock.script([.overloaded, .rateLimited(retryAfter: 1)])
/// let client = AnthropicClient(configuration: mock.configuration())
/// ```
public final class MockAnthropicServer: Sendable {
    /// How the fake behaves; change per test.
    public struct Options: Sendable {
        /// The only key accepted (as `x-api-key` or `Authorization: Bearer`).
        public var apiKey: String
        /// Wait before the response head (and, streamed, before the first event).
        public var timeToFirstToken: Duration
        /// Added per output token (between stream deltas; summed for JSON answers).
        public var timePerToken: Duration
        /// How long a batch stays `in_progress`.
        public var batchProcessingTime: Duration
        public var responder: MockResponder
        /// A scripted outcome for a batch entry by custom_id (`nil`: process it normally).
        public var batchOutcome: @Sendable (String) -> BatchOutcome?
        public var catalog: ModelCatalog
        /// Reported in `anthropic-ratelimit-requests-limit`.
        public var requestsPerMinute: Int

        public init(apiKey: String = "sk-ant-mock-key", timeToFirstToken: Duration = .zero, timePerToken: Duration = .zero,
                    batchProcessingTime: Duration = .milliseconds(200), responder: MockResponder = .deterministic,
                    batchOutcome: @escaping @Sendable (String) -> BatchOutcome? = { _ in nil },
                    catalog: ModelCatalog = .standard, requestsPerMinute: Int = 100_000) {
            self.apiKey = apiKey
            self.timeToFirstToken = timeToFirstToken
            self.timePerToken = timePerToken
            self.batchProcessingTime = batchProcessingTime
            self.responder = responder
            self.batchOutcome = batchOutcome
            self.catalog = catalog
            self.requestsPerMinute = requestsPerMinute
        }
    }

    /// A scripted batch entry result.
    public enum BatchOutcome: Sendable, Hashable {
        case errored(type: String, message: String)
        case expired
    }

    let options: Options
    let state: MockState
    private let server: LoopbackServer

    private init(options: Options, state: MockState, server: LoopbackServer) {
        self.options = options
        self.state = state
        self.server = server
    }

    /// Starts the fake on `port` (0: ephemeral) and waits until it listens.
    public static func start(port: UInt16 = 0, options: Options = Options()) async throws -> MockAnthropicServer {
        let state = MockState()
        let box = HandlerBox()
        let server = try await LoopbackServer.start(port: port, handler: ClosureHTTPHandler { request in
            guard let mock = box.server else { return FlyingFox.HTTPResponse(statusCode: .serviceUnavailable) }
            return try await mock.handle(request)
        })
        let mock = MockAnthropicServer(options: options, state: state, server: server)
        box.set(mock)
        return mock
    }

    /// `http://127.0.0.1:PORT`: the value for `ANTHROPIC_BASE_URL`.
    public var baseURL: URL { server.baseURL }
    public var port: UInt16 { server.port }

    /// A client configuration pointing at this fake with its key.
    public func configuration(apiVersion: String = AnthropicConfiguration.latestAPIVersion,
                              maxRetries: Int = 2) -> AnthropicConfiguration {
        AnthropicConfiguration(apiKey: APIKey(options.apiKey), baseURL: baseURL, apiVersion: apiVersion, maxRetries: maxRetries)
    }

    /// Queues faults for the next requests to `endpoint`, one fault per request, in order.
    public func script(_ faults: [MockFault], for endpoint: MockEndpoint = .messages) async {
        await state.enqueue(faults, for: endpoint)
    }

    /// Every request received so far, oldest first.
    public func receivedRequests() async -> [RecordedRequest] {
        await state.requests
    }

    /// How many batches `POST /v1/messages/batches` created (a reset after creating one counts too).
    public func batchesCreated() async -> Int {
        await state.batchesCreated
    }

    /// The most requests the fake was answering at the same time.
    public func maxRequestsInFlight() async -> Int {
        await state.maxInFlight
    }

    /// How many scripted connection resets were applied.
    public func resetsApplied() async -> Int {
        await state.resetsApplied
    }

    public func stop() async {
        await server.stop()
    }
}

/// One request as the fake received it.
public struct RecordedRequest: Sendable {
    public var method: String
    public var path: String
    /// The query parameters (last value wins).
    public var query: [String: String] = [:]
    /// Header names lowercased.
    public var headers: [String: String]
    public var body: Data
    /// The client's address and port: requests with the same value came over one connection.
    public var connection: String = ""
    /// Whether an earlier request came over the same connection.
    public var reusedConnection = false

    /// The body as JSON, if it is JSON.
    public var json: APIJSON? { APIJSON.parse(body) }
}

/// Lets the handler closure reach the server object created after the listener.
private final class HandlerBox: Sendable {
    private let stored = Mutex<MockAnthropicServer?>(nil)

    var server: MockAnthropicServer? { stored.withLock { $0 } }

    func set(_ server: MockAnthropicServer) { stored.withLock { $0 = server } }
}
