import FlyingFox
import Foundation

/// What the three fake help desks share: recording, authentication, scripted faults and JSON answers.
enum FakeHelpdeskHTTP {
    /// Records the request, checks `Authorization` against `expected`, applies a fault or the rate limit, and
    /// otherwise answers with `route`.
    static func handle(_ request: FlyingFox.HTTPRequest, ledger: FakeHelpdeskLedger, expectedAuthorization: String,
                       classify: (String, String) -> HelpdeskEndpoint,
                       route: (FakeHelpdeskRequest) async throws -> FlyingFox.HTTPResponse) async throws -> FlyingFox.HTTPResponse {
        let body = try await request.bodyData
        var query: [String: String] = [:]
        for item in request.query { query[item.name] = item.value }
        let method = request.method.rawValue
        let recorded = FakeHelpdeskRequest(method: method, path: request.path, query: query,
                                           endpoint: classify(method, request.path),
                                           authorization: request.headers[HTTPHeader("Authorization")], body: body)
        switch await ledger.admit(recorded) {
        case let .status(code)?:
            return json(code, ["error": "ScriptedFailure", "description": "scripted HTTP \(code)"])
        case let .rateLimited(seconds)?:
            return json(429, ["error": "TooManyRequests", "description": "Rate limit exceeded"],
                        headers: ["Retry-After": "\(seconds)", "X-RateLimit-Remaining": "0"])
        case .reset?:
            let (chunks, writer) = AsyncThrowingStream<Data, any Error>.makeStream()
            writer.finish(throwing: CancellationError())
            return FlyingFox.HTTPResponse(statusCode: .ok, body: .streamed(chunks, count: 512))
        case let .delay(duration)?:
            try? await Task.sleep(for: duration)
        case .agentEditFirst?:
            if let id = ticketID(in: recorded.path) { await ledger.agentEdit(id) }
        case .resetAfterProcessing?:
            guard recorded.authorization == expectedAuthorization else { return json(401, ["error": "Couldn't authenticate you"]) }
            _ = try await route(recorded)
            let (chunks, writer) = AsyncThrowingStream<Data, any Error>.makeStream()
            writer.finish(throwing: CancellationError())
            return FlyingFox.HTTPResponse(statusCode: .ok, body: .streamed(chunks, count: 512))
        case .pass?, nil:
            break
        }
        guard recorded.authorization == expectedAuthorization else {
            return json(401, ["error": "Couldn't authenticate you"])
        }
        return try await route(recorded)
    }

    /// The numeric ticket id in `/…/tickets/{id}…` or `/…/issue/KEY-{id}…`.
    static func ticketID(in path: String) -> Int? {
        let parts = path.split(separator: "/").map(String.init)
        guard let index = parts.firstIndex(where: { $0 == "tickets" || $0 == "issue" }), index + 1 < parts.count else { return nil }
        let raw = parts[index + 1].replacingOccurrences(of: ".json", with: "")
        return Int(raw.split(separator: "-").last ?? "")
    }

    static func json(_ status: Int, _ object: Any, headers: [String: String] = [:]) -> FlyingFox.HTTPResponse {
        var all: [HTTPHeader: String] = [.contentType: "application/json; charset=utf-8"]
        for (name, value) in headers { all[HTTPHeader(name)] = value }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return FlyingFox.HTTPResponse(statusCode: HTTPStatusCode(status, phrase: phrase(status)), headers: all, body: data)
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 409: "Conflict"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }

    /// ISO 8601 with seconds, UTC (`2026-06-01T10:00:00Z`), as the vendors write timestamps.
    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }
}
