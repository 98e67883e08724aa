import Foundation
import Logging
import TriageNetwork

/// The Anthropic API client: Messages (plain and streamed), token counting, models, Message Batches.
///
/// Every call retries like the official SDKs (`RetryPolicy`), respects the shared `RequestLimiter`,
/// and sends JSON with sorted keys. The key is sent only in the auth header and never logged.
///
/// ```swift
/// let client = AnthropicClient(configuration: AnthropicConfiguration(apiKey: APIKey(key)))
/// let response = try await client.createMessage(MessageRequest(
///     model: "claude-haiku-5-5", maxTokens: 200, messages: [.user("Summarize: …")]))
/// print(response.message.text)
/// ```
public struct AnthropicClient: Sendable {
    public let configuration: AnthropicConfiguration
    public let limiter: RequestLimiter
    let transport: any HTTPTransport
    let clock: ClientClock
    let logger: Logger
    var retryPolicy: RetryPolicy { RetryPolicy(maxRetries: configuration.maxRetries) }

    /// - Parameters:
    ///   - transport: defaults to a `CurlTransport` with the configuration's timeouts.
    ///   - clock: sleeping and time for retries and the limiter (tests inject one that does not sleep).
    ///   - logger: the caller's logger (retries, rate limits); without one the client logs nothing.
    public init(configuration: AnthropicConfiguration, transport: (any HTTPTransport)? = nil,
                clock: ClientClock = .live, logger: Logger = Logger(label: "AnthropicClient", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.configuration = configuration
        self.transport = transport ?? CurlTransport(configuration: .init(
            connectTimeout: configuration.connectTimeout, timeout: configuration.timeout))
        self.clock = clock
        self.logger = logger
        self.limiter = RequestLimiter(maxInFlight: configuration.maxConcurrentRequests, clock: clock)
    }

    // MARK: - Messages

    /// `POST /v1/messages` without streaming.
    public func createMessage(_ request: MessageRequest) async throws -> MessageResponse {
        var request = request
        request.stream = nil
        let body = try AnthropicJSON.encode(request)
        let started = ContinuousClock.now
        let (response, data) = try await exchange("POST", "v1/messages", body: body, outputTokens: request.maxTokens)
        let message: Message = try decode(data, requestID: response.headers["request-id"])
        return MessageResponse(message: message, requestID: response.headers["request-id"],
                               headers: response.headers, latency: ContinuousClock.now - started)
    }

    /// `POST /v1/messages` with `"stream": true`; returns once the response head arrived.
    ///
    /// Errors before the stream starts are retried; a failure inside the stream is thrown by the
    /// stream (it is not retried: the caller decides, since output was already delivered). The
    /// request keeps its in-flight slot until the stream ends.
    public func streamMessage(_ request: MessageRequest) async throws -> MessageStream {
        var request = request
        request.stream = true
        let body = try AnthropicJSON.encode(request)
        // The slot is held until the stream ends, fails or is dropped.
        try await limiter.acquireSlot()
        let lease = SlotLease(limiter: limiter)
        let (response, _) = try await send("POST", "v1/messages", body: body, outputTokens: request.maxTokens, streaming: true)
        return MessageStream(body: response.body, headers: response.headers, lease: lease)
    }

    // MARK: - Tokens and models

    /// `POST /v1/messages/count_tokens`: the input tokens `request` would use (free; an estimate).
    public func countTokens(_ request: MessageRequest) async throws -> Int {
        struct Count: Decodable {
            var inputTokens: Int
            enum CodingKeys: String, CodingKey { case inputTokens = "input_tokens" }
        }
        let body = try AnthropicJSON.encode(CountTokensRequest(request))
        let (response, data) = try await exchange("POST", "v1/messages/count_tokens", body: body, outputTokens: 0)
        let count: Count = try decode(data, requestID: response.headers["request-id"])
        return count.inputTokens
    }

    /// `GET /v1/models/{id}`: whether a model id exists, and its limits. A 404 throws `.api` with `.notFound`.
    public func model(id: String) async throws -> ModelInfo {
        let (response, data) = try await exchange("GET", "v1/models/\(try Self.pathComponent(id))", body: nil, outputTokens: 0)
        return try decode(data, requestID: response.headers["request-id"])
    }

    // MARK: - Plumbing

    /// One call with a slot held throughout; returns the successful response and its whole body.
    func exchange(_ method: String, _ path: String, query: [URLQueryItem] = [], body: Data?, outputTokens: Int,
                  retryAfterPossibleDelivery: Bool = true) async throws -> (HTTPResponse, Data) {
        try await limiter.acquireSlot()
        do {
            let (response, data) = try await send(method, path, query: query, body: body, outputTokens: outputTokens, streaming: false,
                                                  retryAfterPossibleDelivery: retryAfterPossibleDelivery)
            await limiter.releaseSlot()
            return (response, data ?? Data())
        } catch {
            await limiter.releaseSlot()
            throw error
        }
    }

    func decode<T: Decodable>(_ data: Data, requestID: String?) throws -> T {
        do {
            return try AnthropicJSON.decoder().decode(T.self, from: data)
        } catch {
            throw AnthropicError.invalidResponse("cannot decode \(T.self): \(Self.describe(error))", requestID: requestID)
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let DecodingError.keyNotFound(key, context):
            "missing `\(key.stringValue)` at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context):
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        case let DecodingError.dataCorrupted(context):
            "malformed JSON: \(context.debugDescription)"
        default:
            String(describing: error)
        }
    }

    static func pathComponent(_ value: String) throws -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        guard !value.isEmpty, value.unicodeScalars.allSatisfy(allowed.contains) else {
            throw AnthropicError.invalidRequest("`\(value)` is not a valid id (letters, digits, - _ . only)")
        }
        return value
    }
}

/// A non-streamed message with what the call recorded about it.
public struct MessageResponse: Sendable {
    public var message: Message
    /// The `request-id` header: log it, quote it to support.
    public var requestID: String?
    public var headers: HTTPHeaders
    /// From sending the first attempt to the decoded answer, retries included.
    public var latency: Duration
}

/// `GET /v1/models/{id}`.
public struct ModelInfo: Sendable, Hashable, Decodable {
    public var id: String
    public var displayName: String?
    public var createdAt: String?
    public var maxInputTokens: Int?
    public var maxTokens: Int?

    enum CodingKeys: String, CodingKey {
        case id
        case displayName = "display_name"
        case createdAt = "created_at"
        case maxInputTokens = "max_input_tokens"
        case maxTokens = "max_tokens"
    }
}
