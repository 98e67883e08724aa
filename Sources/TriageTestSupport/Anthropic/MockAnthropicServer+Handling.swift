import AnthropicClient
import FlyingFox
import Foundation

extension MockAnthropicServer {
    /// The context of one request while it is answered.
    struct Exchange: Sendable {
        var requestID: String
        var apiVersion: String
        var headers: HTTPHeaders
        var body: Data
    }

    func handle(_ request: FlyingFox.HTTPRequest) async throws -> FlyingFox.HTTPResponse {
        await state.beginRequest()
        do {
            let response = try await handleCounted(request)
            await state.endRequest()
            return response
        } catch {
            await state.endRequest()
            throw error
        }
    }

    private func handleCounted(_ request: FlyingFox.HTTPRequest) async throws -> FlyingFox.HTTPResponse {
        let body = try await request.bodyData
        var recordedHeaders: [String: String] = [:]
        for (name, value) in request.headers { recordedHeaders[name.rawValue.lowercased()] = value }
        var query: [String: String] = [:]
        for item in request.query { query[item.name] = item.value }
        var recorded = RecordedRequest(method: request.method.rawValue, path: request.path, query: query, headers: recordedHeaders,
                                       body: body)
        switch request.remoteAddress {
        case let .ip4(ip, port)?, let .ip6(ip, port)?: recorded.connection = "\(ip):\(port)"
        default: break
        }
        let (requestID, countInWindow, reused) = await state.record(recorded)
        let resetAt = await state.windowReset
        var exchange = Exchange(requestID: requestID, apiVersion: "", headers: [:], body: body)
        exchange.headers = responseHeaders(requestID: requestID, countInWindow: countInWindow, resetAt: resetAt)

        guard let route = Route(method: request.method.rawValue, path: request.path) else {
            return error(404, "not_found_error", "\(request.method.rawValue) \(request.path): no such endpoint", exchange)
        }
        guard let version = recordedHeaders["anthropic-version"], !version.isEmpty else {
            return error(400, "invalid_request_error", "anthropic-version: header is required", exchange)
        }
        exchange.apiVersion = version
        let bearer = recordedHeaders["authorization"].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
        guard (recordedHeaders["x-api-key"] ?? bearer) == options.apiKey else {
            return error(401, "authentication_error", "invalid x-api-key", exchange)
        }

        var streamFault: MockFault?
        if let fault = await state.nextFault(for: route.endpoint) {
            switch fault {
            case let .error(status, type, headers, errorCode):
                for (name, value) in headers { exchange.headers[HTTPHeader(name)] = value }
                return error(status, type, "scripted \(type)", exchange, errorCode: errorCode)
            case let .delay(duration):
                try await Task.sleep(for: duration)
            case .dropConnection:
                return broken(prefix: Data(), declaredLength: 512, exchange)
            case .truncatedBody:
                return broken(prefix: Data(#"{"id":"msg_truncated","type":"message","content":[{"type":"te"#.utf8),
                              declaredLength: 4096, exchange)
            case let .htmlPage(status, title):
                var headers = exchange.headers
                headers[.contentType] = "text/html; charset=utf-8"
                let page = "<!DOCTYPE html>\n<html>\n<head><title>\(title)</title>\n<style>body { font-family: sans-serif; }</style></head>\n<body>\n<center><h1>\(title)</h1></center>\n<hr><center>proxy</center>\n" + String(repeating: "<!-- padding -->\n", count: 40) + "</body>\n</html>\n"
                return FlyingFox.HTTPResponse(statusCode: HTTPStatusCode(status, phrase: Self.phrase(status)), headers: headers, body: Data(page.utf8))
            case .malformedJSON:
                var headers = exchange.headers
                headers[.contentType] = "application/json"
                return FlyingFox.HTTPResponse(statusCode: .ok, headers: headers, body: Data(#"{"id": "msg_bad", "content": [}"#.utf8))
            case .errorEventMidStream, .stallMidStream, .dropMidStream:
                streamFault = fault
            case let .resetConnection(onlyIfReused):
                if reused || !onlyIfReused {
                    await state.countReset()
                    // The request is acted on, then the connection closes before any response byte.
                    _ = try await answer(route, exchange: exchange, query: query, streamFault: nil)
                    return Self.closedWithoutAnswer()
                }
            }
        }
        return try await answer(route, exchange: exchange, query: query, streamFault: streamFault)
    }

    private func answer(_ route: Route, exchange: Exchange, query: [String: String], streamFault: MockFault?) async throws -> FlyingFox.HTTPResponse {
        switch route {
        case .messages: return try await createMessage(exchange, streamFault: streamFault)
        case .countTokens: return countTokens(exchange)
        case let .model(id): return model(id: id, exchange)
        case .createBatch: return await createBatch(exchange)
        case .listBatches: return await listBatches(query: query, exchange)
        case let .batch(id): return await batch(id: id, exchange)
        case let .batchResults(id): return await batchResults(id: id, exchange)
        case let .cancelBatch(id): return await cancelBatch(id: id, exchange)
        }
    }

    /// A response that writes nothing: the connection is closed as soon as the server tries to send it.
    static func closedWithoutAnswer() -> FlyingFox.HTTPResponse {
        FlyingFox.HTTPResponse(headers: [:], webSocket: ClosingHandler())
    }

    /// The headers every answer carries: request id and rate-limit state.
    func responseHeaders(requestID: String, countInWindow: Int, resetAt reset: String) -> HTTPHeaders {
        let limit = options.requestsPerMinute
        var headers = HTTPHeaders()
        headers[HTTPHeader("request-id")] = requestID
        headers[HTTPHeader("anthropic-ratelimit-requests-limit")] = "\(limit)"
        headers[HTTPHeader("anthropic-ratelimit-requests-remaining")] = "\(max(0, limit - countInWindow))"
        headers[HTTPHeader("anthropic-ratelimit-requests-reset")] = reset
        headers[HTTPHeader("anthropic-ratelimit-tokens-limit")] = "10000000"
        headers[HTTPHeader("anthropic-ratelimit-tokens-remaining")] = "10000000"
        headers[HTTPHeader("anthropic-ratelimit-tokens-reset")] = reset
        return headers
    }

    /// An error response in the API's shape.
    func error(_ status: Int, _ type: String, _ message: String, _ exchange: Exchange,
               errorCode: String? = nil) -> FlyingFox.HTTPResponse {
        var error: [String: APIJSON] = ["type": .string(type), "message": .string(message)]
        if let errorCode { error["details"] = .object(["error_code": .string(errorCode)]) }
        let body: APIJSON = .object(["type": .string("error"), "error": .object(error), "request_id": .string(exchange.requestID)])
        return json(body, status: status, exchange)
    }

    func json(_ value: some Encodable, status: Int = 200, _ exchange: Exchange) -> FlyingFox.HTTPResponse {
        var headers = exchange.headers
        headers[.contentType] = "application/json"
        let data = (try? AnthropicJSON.encode(value)) ?? Data()
        return FlyingFox.HTTPResponse(statusCode: HTTPStatusCode(status, phrase: Self.phrase(status)), headers: headers, body: data)
    }

    /// A 200 that declares `declaredLength` bytes, sends `prefix`, then drops the connection.
    func broken(prefix: Data, declaredLength: Int, _ exchange: Exchange) -> FlyingFox.HTTPResponse {
        var headers = exchange.headers
        headers[.contentType] = "application/json"
        let (chunks, writer) = AsyncThrowingStream<Data, any Error>.makeStream()
        if !prefix.isEmpty { writer.yield(prefix) }
        writer.finish(throwing: CancellationError())
        return FlyingFox.HTTPResponse(statusCode: .ok, headers: headers, body: .streamed(chunks, count: declaredLength))
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 504: "Gateway Timeout"
        case 529: "Overloaded"
        default: "Status"
        }
    }
}

/// The endpoints the fake serves.
enum Route: Sendable {
    case messages, countTokens, createBatch, listBatches
    case model(String)
    case batch(String)
    case batchResults(String)
    case cancelBatch(String)

    init?(method: String, path: String) {
        let parts = path.split(separator: "/").map(String.init)
        let route = parts.joined(separator: "/")
        let id = parts.count > 3 ? parts[3] : (parts.count > 2 ? parts[2] : "")
        switch (method, parts.count) {
        case ("POST", 2) where route == "v1/messages": self = .messages
        case ("POST", 3) where route == "v1/messages/count_tokens": self = .countTokens
        case ("POST", 3) where route == "v1/messages/batches": self = .createBatch
        case ("GET", 3) where route == "v1/messages/batches": self = .listBatches
        case ("GET", 3) where parts[0] == "v1" && parts[1] == "models": self = .model(parts[2])
        case ("GET", 4) where route.hasPrefix("v1/messages/batches/"): self = .batch(id)
        case ("GET", 5) where route.hasPrefix("v1/messages/batches/") && parts[4] == "results": self = .batchResults(id)
        case ("POST", 5) where route.hasPrefix("v1/messages/batches/") && parts[4] == "cancel": self = .cancelBatch(id)
        default: return nil
        }
    }

    var endpoint: MockEndpoint {
        switch self {
        case .messages: .messages
        case .countTokens: .countTokens
        case .model: .models
        case .createBatch, .listBatches, .batch, .batchResults, .cancelBatch: .batches
        }
    }
}

/// Fails before the upgrade response is written, so FlyingFox closes the connection without a byte.
private struct ClosingHandler: WSHandler {
    struct Closed: Error {}

    func makeFrames(for client: AsyncThrowingStream<WSFrame, any Error>) async throws -> AsyncStream<WSFrame> {
        throw Closed()
    }
}
