import Foundation

/// A failure the fake injects into the next request of an endpoint, in script order.
public enum MockFault: Sendable, Hashable {
    /// An error response: `status` with the API's error body of `type`, extra headers
    /// (`retry-after`, `retry-after-ms`, `x-should-retry`) and optionally `error.details.error_code`.
    case error(status: Int, type: String, headers: [String: String] = [:], errorCode: String? = nil)
    /// Waits before sending the response head (slow headers; a client timeout shorter than this fires).
    case delay(Duration)
    /// Sends the head and a part of the body, then closes the connection (connection reset / dropped).
    case dropConnection
    /// An error status whose body is an HTML page titled `title` (what a proxy in front of the API sends).
    case htmlPage(status: Int, title: String)
    /// A 200 whose body is not JSON.
    case malformedJSON
    /// A 200 whose body is cut short of its Content-Length.
    case truncatedBody
    /// Streaming only: after the first text delta, sends `event: error` of `type` and ends.
    case errorEventMidStream(type: String)
    /// Streaming only: after the first text delta, goes silent for the duration, then continues.
    case stallMidStream(Duration)
    /// Streaming only: after the first text delta, closes the connection without ending the stream.
    case dropMidStream
    /// Reads the request, does what it asks (a batch creation creates the batch), then closes the connection
    /// without sending a byte — what a kept-alive connection that died under the request looks like. With
    /// `onlyIfReused` the fault is spent but not applied when the request came on a new connection.
    case resetConnection(onlyIfReused: Bool)

    /// A 429 with `retry-after` seconds.
    public static func rateLimited(retryAfter seconds: Int) -> MockFault {
        .error(status: 429, type: "rate_limit_error", headers: ["retry-after": "\(seconds)"])
    }

    /// A 529 overloaded.
    public static let overloaded = MockFault.error(status: 529, type: "overloaded_error")
    /// A 500 api_error.
    public static let internalError = MockFault.error(status: 500, type: "api_error")
    /// A 504 timeout_error.
    public static let gatewayTimeout = MockFault.error(status: 504, type: "timeout_error")
}

/// The endpoints faults can be scripted for.
public enum MockEndpoint: String, Sendable, Hashable, CaseIterable {
    case messages, countTokens, models, batches
}
