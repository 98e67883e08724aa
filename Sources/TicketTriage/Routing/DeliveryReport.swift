/// What one `OutboxDelivery.deliverDue` call did.
public struct DeliveryReport: Sendable, Hashable, Codable {
    /// Rows delivered (2xx).
    public var delivered = 0
    /// Rows still undelivered, to retry after their backoff (next run).
    public var retryLater = 0
    /// Rows given up (4xx other than 408/429, or too many attempts).
    public var gaveUp = 0
    /// Failed attempts in this call.
    public var failedAttempts = 0
    /// The last error per row that is not delivered, for the summary (`key: error`).
    public var errors: [String] = []

    public init() {}
}
