/// Sends one HTTP request and returns the response head with a body to stream or collect.
///
/// The seam between the app and HTTP. `CurlTransport` is the live implementation; tests use a fake:
///
/// ```swift
/// struct CannedTransport: HTTPTransport {
///     var status = 200
///     var body = Data(#"{"ok":true}"#.utf8)
///     func send(_ request: HTTPRequest) async throws -> HTTPResponse {
///         HTTPResponse(status: status, headers: [:], body: HTTPBody(data: body))
///     }
/// }
/// ```
///
/// Implementations must honour task cancellation (throwing `NetworkError.cancelled`) and
/// must not block Swift's cooperative thread pool.
public protocol HTTPTransport: Sendable {
    /// Sends `request`; returns once the response head has arrived. The body may still be arriving.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
