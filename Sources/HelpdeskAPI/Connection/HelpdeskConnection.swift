import Foundation
import Synchronization
import TriageNetwork

/// One help desk API account: base URL, credentials and the transport, with the waiting and retrying every vendor
/// client shares.
///
/// A 429 is waited out for `Retry-After` seconds (or `defaultRetryAfter` when the header is missing) up to
/// `maxRateLimitWaits` times; 5xx answers and transient network failures of idempotent requests (GET, and PUT of
/// a whole state) are retried with exponential back-off up to `maxAttempts`. The credentials go into the
/// `Authorization` header only: never into URLs, logs or errors.
public struct HelpdeskConnection: Sendable {
    /// `Zendesk`, `Freshdesk`, `Jira Service Management` (used in messages).
    public var vendor: String
    /// The API root, e.g. `https://acme.zendesk.com`.
    public var baseURL: URL
    var credentials: HelpdeskCredentials
    public var transport: any HTTPTransport
    public var clock: HelpdeskClock
    public var maxAttempts = 5
    public var maxRateLimitWaits = 30
    public var defaultRetryAfter: Duration = .seconds(60)
    /// Largest response body read (pages of 1,000 Zendesk tickets with users stay well below it).
    public var maxBodyBytes = 256 << 20
    public var requestTimeout: Duration = .seconds(120)
    /// Latest `X-RateLimit-Remaining` seen (Freshdesk, Zendesk send it), for progress and diagnostics.
    public let observed = RateLimitObservation()

    public init(vendor: String, baseURL: URL, credentials: HelpdeskCredentials, transport: any HTTPTransport,
                clock: HelpdeskClock = .live) {
        self.vendor = vendor
        self.baseURL = baseURL
        self.credentials = credentials
        self.transport = transport
        self.clock = clock
    }

    /// The URL for `path` (starting with `/`) and query items under the base URL.
    public func url(_ path: String, query: [URLQueryItem] = []) -> URL {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        var components = URLComponents(string: base + path)!
        if !query.isEmpty {
            components.queryItems = query
            // `+` in a query value is a space to most servers; encode it (JQL dates, ISO offsets).
            components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        }
        return components.url!
    }

    /// Sends a request and returns status, headers and the whole body, after rate-limit waits and retries.
    /// Statuses other than 429 and 5xx are returned as they are (the caller decides what a 404 or 409 means).
    /// `idempotent` overrides the method's default (a search sent as POST is safe to repeat).
    public func send(_ method: String, _ url: URL, json body: Data? = nil,
                     idempotent: Bool? = nil) async throws -> (status: Int, headers: HTTPHeaders, body: Data) {
        let path = url.path
        var headers: HTTPHeaders = ["Accept": "application/json", "Authorization": credentials.authorization]
        if body != nil { headers["Content-Type"] = "application/json" }
        let request = HTTPRequest(method: method, url: url, headers: headers, body: body, timeout: requestTimeout)
        let idempotent = idempotent ?? (method == "GET" || method == "PUT")
        var attempts = 0
        var waits = 0
        while true {
            try Task.checkCancellation()
            attempts += 1
            let status: Int, responseHeaders: HTTPHeaders, data: Data
            do {
                let response = try await transport.send(request)
                status = response.status
                responseHeaders = response.headers
                data = try await response.body.collect(upTo: maxBodyBytes)
            } catch let error as NetworkError where error != .cancelled {
                guard error.isTransient, idempotent || !error.requestMayHaveArrived, attempts < maxAttempts else {
                    throw HelpdeskError.unavailable(vendor: vendor, path: path, attempts: attempts, underlying: "\(error)")
                }
                try await clock.sleep(Self.backoff(attempt: attempts))
                continue
            }
            observed.note(responseHeaders)
            switch status {
            case 429:
                waits += 1
                guard waits <= maxRateLimitWaits else { throw HelpdeskError.rateLimited(vendor: vendor, path: path, waits: waits - 1) }
                attempts -= 1
                try await clock.sleep(Self.retryAfter(responseHeaders, now: clock.now()) ?? defaultRetryAfter)
            case 500...599 where attempts < maxAttempts && idempotent:
                try await clock.sleep(Self.retryAfter(responseHeaders, now: clock.now()) ?? Self.backoff(attempt: attempts))
            case 401, 403:
                throw HelpdeskError.unauthorized(vendor: vendor, path: path, status: status)
            default:
                return (status, responseHeaders, data)
            }
        }
    }

    /// `send` that requires a 2xx answer with a JSON object body.
    public func json(_ method: String, _ url: URL, body: Data? = nil, idempotent: Bool? = nil) async throws -> [String: Any] {
        let value = try await jsonValue(method, url, body: body, idempotent: idempotent)
        guard let object = value as? [String: Any] else {
            throw HelpdeskError.malformed(vendor: vendor, path: url.path, detail: "expected a JSON object")
        }
        return object
    }

    /// `send` that requires a 2xx answer with a JSON body (object or array).
    public func jsonValue(_ method: String, _ url: URL, body: Data? = nil, idempotent: Bool? = nil) async throws -> Any {
        let (status, _, data) = try await send(method, url, json: body, idempotent: idempotent)
        guard (200..<300).contains(status) else {
            if status == 409 { throw HelpdeskError.conflict(vendor: vendor, path: url.path) }
            throw HelpdeskError.status(vendor: vendor, path: url.path, status: status, detail: Self.errorDetail(data))
        }
        do {
            return try JSONSerialization.jsonObject(with: data)
        } catch {
            throw HelpdeskError.malformed(vendor: vendor, path: url.path, detail: "not JSON (\(data.count) bytes)")
        }
    }

    /// 1, 2, 4, 8 … seconds, at most 60.
    static func backoff(attempt: Int) -> Duration {
        .seconds(min(60, 1 << min(attempt - 1, 6)))
    }

    /// `Retry-After` as delta-seconds or an HTTP date (RFC 9110 §10.2.3).
    static func retryAfter(_ headers: HTTPHeaders, now: Date) -> Duration? {
        guard let value = headers["Retry-After"]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds >= 0 { return .milliseconds(Int(min(seconds, 3600) * 1000)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .milliseconds(Int(max(0, min(date.timeIntervalSince(now), 3600)) * 1000))
    }

    /// The API's error message from a JSON error body (`error`, `description`, `errorMessages`), at most 200 characters.
    static func errorDetail(_ data: Data) -> String {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return "" }
        var parts: [String] = []
        if let error = object["error"] as? String { parts.append(error) }
        if let error = object["error"] as? [String: Any], let message = error["message"] as? String { parts.append(message) }
        if let description = object["description"] as? String { parts.append(description) }
        if let messages = object["errorMessages"] as? [String] { parts += messages }
        return String(parts.joined(separator: "; ").prefix(200))
    }
}

/// The rate-limit headers last seen (`X-RateLimit-Remaining`, `X-RateLimit-Total`); shared by copies of a connection.
public final class RateLimitObservation: Sendable {
    private let seen = Mutex<(remaining: Int?, total: Int?)>((nil, nil))

    public init() {}

    public var remaining: Int? { seen.withLock { $0.remaining } }
    public var total: Int? { seen.withLock { $0.total } }

    func note(_ headers: HTTPHeaders) {
        let remaining = headers["X-RateLimit-Remaining"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let total = headers["X-RateLimit-Total"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            ?? headers["X-RateLimit-Limit"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard remaining != nil || total != nil else { return }
        seen.withLock { seen in
            if let remaining { seen.remaining = remaining }
            if let total { seen.total = total }
        }
    }
}
