import Foundation
import Logging
import TriageNetwork

extension AnthropicClient {
    /// Sends one API request with the SDKs' retry rules; returns the first 2xx response with its body
    /// read (a connection lost while reading is retried too), or unread when `streaming`.
    ///
    /// With `retryAfterPossibleDelivery: false` a network failure that may have reached the server (lost
    /// connection, total or idle timeout) is thrown instead of retried: for a request that must not be acted on
    /// twice (creating a batch), where a retry would pay twice.
    func send(_ method: String, _ path: String, query: [URLQueryItem] = [], body: Data?, outputTokens: Int,
              streaming: Bool, retryAfterPossibleDelivery: Bool = true) async throws -> (response: HTTPResponse, body: Data?) {
        // A request that must not be repeated blindly never rides on a kept-alive connection, which may turn out
        // dead after the request was sent.
        let request = makeRequest(method, path, query: query, body: body, streaming: streaming,
                                  freshConnection: !retryAfterPossibleDelivery)
        let policy = retryPolicy
        var retries = 0
        while true {
            try Task.checkCancellation()
            try await limiter.waitForCapacity(outputTokens: outputTokens)
            let failure: AnthropicError
            let retryable: Bool
            var failedHeaders: HTTPHeaders?
            do {
                let response = try await transport.send(request)
                await limiter.record(status: response.status, headers: response.headers)
                let requestID = response.headers["request-id"]
                if (200..<300).contains(response.status) {
                    logger.debug("anthropic \(method) /\(path) → \(response.status)", metadata: ["request-id": "\(requestID ?? "-")", "retries": "\(retries)"])
                    if streaming { return (response, nil) }
                    return (response, try await response.body.collect(upTo: configuration.maxResponseBytes))
                }
                let errorBody = (try? await response.body.collect(upTo: 1 << 20)) ?? Data()
                let apiError = APIError.from(status: response.status, body: errorBody, requestID: requestID)
                failure = .api(apiError)
                failedHeaders = response.headers
                retryable = policy.shouldRetry(status: response.status, headers: response.headers, error: apiError)
            } catch let error as NetworkError {
                if error == .cancelled { throw CancellationError() }
                failure = .network(error, attempts: retries + 1)
                retryable = error.isTransient && (retryAfterPossibleDelivery || !error.requestMayHaveArrived)
            }
            guard retryable, retries < policy.maxRetries else {
                logger.debug("anthropic \(method) /\(path) failed, not retrying", metadata: ["error": "\(failure)"])
                throw failure
            }
            let delay = policy.delay(retriesSoFar: retries, headers: failedHeaders, now: clock.now(), random: clock.random())
            logger.debug("anthropic \(method) /\(path) retry \(retries + 1) in \(delay)", metadata: ["error": "\(failure)"])
            try await clock.sleep(delay)
            retries += 1
        }
    }

    /// The HTTP request with version, auth and content headers. The key appears only here.
    func makeRequest(_ method: String, _ path: String, query: [URLQueryItem] = [], body: Data?, streaming: Bool,
                     freshConnection: Bool = false) -> HTTPRequest {
        var headers: HTTPHeaders = [
            "anthropic-version": configuration.apiVersion,
            "accept": streaming ? "text/event-stream" : "application/json",
        ]
        switch configuration.authentication {
        case .bearer: headers["authorization"] = "Bearer \(configuration.apiKey.secret)"
        case .xAPIKey: headers["x-api-key"] = configuration.apiKey.secret
        }
        if body != nil { headers["content-type"] = "application/json" }
        if !configuration.betas.isEmpty { headers["anthropic-beta"] = configuration.betas.joined(separator: ",") }
        var url = configuration.baseURL.appending(path: path)
        if !query.isEmpty { url.append(queryItems: query) }
        return HTTPRequest(method: method, url: url, headers: headers, body: body,
                           timeout: configuration.timeout, idleTimeout: configuration.idleTimeout,
                           freshConnection: freshConnection)
    }
}
