/// The head of an HTTP response and its body, which may still be arriving.
public struct HTTPResponse: Sendable {
    /// The final status code (1xx interim responses are skipped).
    public var status: Int
    public var headers: HTTPHeaders
    /// The body; stream it (`for try await chunk in body`) or `collect(upTo:)`.
    public var body: HTTPBody

    public init(status: Int, headers: HTTPHeaders, body: HTTPBody) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
