import Foundation
import TriageImport
import TriageNetwork

/// Freshdesk API v2: tickets updated since a time, oldest first, with requester and description embedded, and each
/// ticket's conversations.
///
/// - `GET /api/v2/tickets?updated_since=ISO&order_by=updated_at&order_type=asc&per_page=100&page=N&include=requester,description`
///   (a JSON array; a `Link: <…>; rel="next"` header when there are more pages).
/// - `GET /api/v2/tickets/{id}/conversations?per_page=100&page=N`.
///
/// Freshdesk limits requests per minute per account and reports `X-RateLimit-Total`/`-Remaining`; a 429 carries
/// `Retry-After` (waited out by `HelpdeskConnection`). Authentication: the API key as basic-auth user, `X` as password.
public struct FreshdeskClient: IncrementalTicketSource {
    public let name = "freshdesk"
    public let format = ImportFormat.freshdeskJSON
    public var connection: HelpdeskConnection
    /// Tickets per page (Freshdesk's maximum is 100).
    public var pageSize = 100
    public var includeConversations = true
    public var conversationConcurrency = 4
    /// Seconds re-read before the newest update time of a committed page (Freshdesk timestamps have seconds).
    public var overlapSeconds = 1

    public init(connection: HelpdeskConnection) {
        self.connection = connection
    }

    public var cursorKey: String { "freshdesk \(connection.baseURL.host ?? connection.baseURL.absoluteString)" }

    public func fetchPage(_ position: SyncPosition) async throws -> SyncPage {
        let mark = try HighWaterMark(position, vendor: "Freshdesk")
        let since = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(mark.since)))
        let url = connection.url("/api/v2/tickets", query: [
            URLQueryItem(name: "updated_since", value: since), URLQueryItem(name: "order_by", value: "updated_at"),
            URLQueryItem(name: "order_type", value: "asc"), URLQueryItem(name: "per_page", value: "\(pageSize)"),
            URLQueryItem(name: "page", value: "\(mark.page)"), URLQueryItem(name: "include", value: "requester,description"),
        ])
        let (status, headers, data) = try await connection.send("GET", url)
        guard (200..<300).contains(status) else {
            throw HelpdeskError.status(vendor: "Freshdesk", path: url.path, status: status, detail: HelpdeskConnection.errorDetail(data))
        }
        guard var tickets = (try? JSONSerialization.jsonObject(with: data)) as? [[String: Any]] else {
            throw HelpdeskError.malformed(vendor: "Freshdesk", path: url.path, detail: "expected a JSON array of tickets")
        }
        let ids = tickets.map { ZendeskClient.id($0["id"]) }
        if includeConversations {
            let conversations = try await ConcurrentFetch.map(ids.compactMap { $0 }, concurrency: conversationConcurrency) { id in
                try await self.conversations(of: id)
            }
            for index in tickets.indices {
                if let id = ids[index], let list = conversations[id],
                   let parsed = (try? JSONSerialization.jsonObject(with: list)) as? [Any] {
                    tickets[index]["conversations"] = parsed
                }
            }
        }
        let newest = tickets.compactMap { HighWaterMark.dates.date(from: $0["updated_at"]) }.max()
        let more = headers["Link"]?.contains("rel=\"next\"") ?? false
        let (resume, next) = mark.advance(newest: newest, more: more, overlap: overlapSeconds)
        return SyncPage(document: try JSONSerialization.data(withJSONObject: tickets), ticketIDs: ids.compactMap { $0 },
                        resume: resume, next: next)
    }

    /// One ticket's conversations (all pages) as a JSON array.
    private func conversations(of ticketID: String) async throws -> Data {
        var all: [Any] = []
        for page in 1...100 {
            let url = connection.url("/api/v2/tickets/\(ticketID)/conversations",
                                     query: [URLQueryItem(name: "per_page", value: "100"), URLQueryItem(name: "page", value: "\(page)")])
            let (status, headers, data) = try await connection.send("GET", url)
            guard (200..<300).contains(status) else {
                throw HelpdeskError.status(vendor: "Freshdesk", path: url.path, status: status, detail: HelpdeskConnection.errorDetail(data))
            }
            guard let list = (try? JSONSerialization.jsonObject(with: data)) as? [Any] else {
                throw HelpdeskError.malformed(vendor: "Freshdesk", path: url.path, detail: "expected a JSON array of conversations")
            }
            all += list
            guard headers["Link"]?.contains("rel=\"next\"") == true else { break }
        }
        return try JSONSerialization.data(withJSONObject: all)
    }
}

/// Runs `body` for each key with at most `concurrency` in flight; results by key.
enum ConcurrentFetch {
    static func map(_ keys: [String], concurrency: Int,
                    _ body: @escaping @Sendable (String) async throws -> Data) async throws -> [String: Data] {
        var result: [String: Data] = [:]
        try await withThrowingTaskGroup(of: (String, Data).self) { group in
            var pending = keys[...]
            func startNext() {
                guard let key = pending.popFirst() else { return }
                group.addTask { (key, try await body(key)) }
            }
            for _ in 0..<max(1, concurrency) { startNext() }
            while let (key, data) = try await group.next() {
                result[key] = data
                startNext()
            }
        }
        return result
    }
}
