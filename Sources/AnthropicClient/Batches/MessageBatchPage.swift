import Foundation

/// One page of `GET /v1/messages/batches`: batches most recently created first.
public struct MessageBatchPage: Sendable, Hashable, Codable {
    public var data: [MessageBatch]
    /// Whether more batches follow in the direction asked for.
    public var hasMore: Bool
    /// The first batch's id: `beforeID` for the previous (newer) page.
    public var firstID: String?
    /// The last batch's id: `afterID` for the next (older) page.
    public var lastID: String?

    public init(data: [MessageBatch], hasMore: Bool, firstID: String?, lastID: String?) {
        self.data = data
        self.hasMore = hasMore
        self.firstID = firstID
        self.lastID = lastID
    }

    private enum CodingKeys: String, CodingKey {
        case data
        case hasMore = "has_more"
        case firstID = "first_id"
        case lastID = "last_id"
    }
}

extension MessageBatch {
    /// `created_at` as a date (RFC 3339, with or without fractional seconds); `nil` when absent or unreadable.
    public var createdDate: Date? {
        createdAt.flatMap(Self.rfc3339)
    }

    static func rfc3339(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}

extension MessageBatch.RequestCounts {
    /// Every request of the batch, whatever its state: how many requests it was created with.
    public var total: Int { processing + succeeded + errored + canceled + expired }
}
