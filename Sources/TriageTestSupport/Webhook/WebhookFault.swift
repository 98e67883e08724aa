/// A failure the webhook receiver answers the next request with, in script order.
public enum WebhookFault: Sendable, Hashable {
    /// Answers with this HTTP status (e.g. 500, 503, 400) and does not count the request as received.
    case status(Int)
    /// Waits this long before answering 200 (a client timeout shorter than this fires; the request is still
    /// received, as a real server would have processed it).
    case delay(Duration)
    /// Sends the response head and then drops the connection before the body (not counted as received).
    case reset
}
