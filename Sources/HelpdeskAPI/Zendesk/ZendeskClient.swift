import Foundation
import TriageImport

/// Zendesk Support API: the cursor-based incremental ticket export with side-loaded users and groups, each
/// changed ticket's comments, and ticket updates.
///
/// - `GET /api/v2/incremental/tickets/cursor.json?start_time=UNIX` for the first page, then `?cursor=AFTER_CURSOR`
///   until `end_of_stream` is true; the last `after_cursor` is where the next run starts. Zendesk allows 10
///   requests a minute on the incremental endpoints and answers 429 with `Retry-After` (waited out by
///   `HelpdeskConnection`).
/// - `GET /api/v2/tickets/{id}/comments.json?include=users`, following `next_page`.
public struct ZendeskClient: IncrementalTicketSource {
    public let name = "zendesk"
    public let format = ImportFormat.zendeskJSON
    public var connection: HelpdeskConnection
    /// Tickets per export page (Zendesk's maximum is 1,000).
    public var pageSize = 1000
    /// Whether to read each changed ticket's comments (one request per ticket); without them the ticket's
    /// `description` is its only message.
    public var includeComments = true
    /// Comment requests in flight at once.
    public var commentConcurrency = 4

    public init(connection: HelpdeskConnection) {
        self.connection = connection
    }

    public var cursorKey: String { "zendesk \(connection.baseURL.host ?? connection.baseURL.absoluteString)" }

    public func fetchPage(_ position: SyncPosition) async throws -> SyncPage {
        var query = [URLQueryItem(name: "per_page", value: "\(pageSize)"), URLQueryItem(name: "include", value: "users,groups")]
        switch position {
        case let .since(date):
            query.insert(URLQueryItem(name: "start_time", value: "\(max(0, Int(date.timeIntervalSince1970)))"), at: 0)
        case let .token(token):
            if token.hasPrefix("start_time:") {
                guard let seconds = Int(token.dropFirst("start_time:".count)) else { throw HelpdeskError.badCursor(vendor: "Zendesk", cursor: token) }
                query.insert(URLQueryItem(name: "start_time", value: "\(seconds)"), at: 0)
            } else {
                query.insert(URLQueryItem(name: "cursor", value: token), at: 0)
            }
        }
        let url = connection.url("/api/v2/incremental/tickets/cursor.json", query: query)
        let page = try await connection.json("GET", url)
        guard var tickets = page["tickets"] as? [[String: Any]] else {
            throw HelpdeskError.malformed(vendor: "Zendesk", path: url.path, detail: "no `tickets` array")
        }
        var users = page["users"] as? [[String: Any]] ?? []
        if includeComments {
            let ids = tickets.map { Self.id($0["id"]) }
            let fetched = try await comments(of: ids.compactMap { $0 })
            var knownUsers = Set(users.compactMap { Self.id($0["id"]) })
            for index in tickets.indices {
                guard let id = ids[index], let entry = fetched[id] else { continue }
                tickets[index]["comments"] = entry.comments
                for user in entry.users {
                    guard let userID = Self.id(user["id"]), knownUsers.insert(userID).inserted else { continue }
                    users.append(user)
                }
            }
        }
        let document: [String: Any] = ["tickets": tickets, "users": users, "groups": page["groups"] as? [[String: Any]] ?? []]
        let data = try JSONSerialization.data(withJSONObject: document)
        let endOfStream = page["end_of_stream"] as? Bool ?? true
        let after = (page["after_cursor"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        let resume: String
        switch (after, position) {
        case let (after?, _): resume = after
        case let (nil, .token(token)): resume = token
        case let (nil, .since(date)): resume = "start_time:\(max(0, Int(date.timeIntervalSince1970)))"
        }
        if !endOfStream && after == nil {
            throw HelpdeskError.malformed(vendor: "Zendesk", path: url.path, detail: "end_of_stream is false but there is no after_cursor")
        }
        return SyncPage(document: data, ticketIDs: tickets.compactMap { Self.id($0["id"]) }, resume: resume,
                        next: endOfStream ? nil : .token(resume))
    }

    /// Each ticket's comments and their authors, `commentConcurrency` tickets at a time.
    private func comments(of ticketIDs: [String]) async throws -> [String: (comments: [[String: Any]], users: [[String: Any]])] {
        var result: [String: (comments: [[String: Any]], users: [[String: Any]])] = [:]
        try await withThrowingTaskGroup(of: (String, Data).self) { group in
            var pending = ticketIDs[...]
            func startNext() {
                guard let id = pending.popFirst() else { return }
                group.addTask { (id, try await commentsDocument(of: id)) }
            }
            for _ in 0..<max(1, commentConcurrency) { startNext() }
            while let (id, data) = try await group.next() {
                let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
                result[id] = (object["comments"] as? [[String: Any]] ?? [], object["users"] as? [[String: Any]] ?? [])
                startNext()
            }
        }
        return result
    }

    /// One ticket's comments (all pages) as `{"comments": [...], "users": [...]}`.
    private func commentsDocument(of ticketID: String) async throws -> Data {
        var comments: [Any] = [], users: [Any] = []
        var url: URL? = connection.url("/api/v2/tickets/\(ticketID)/comments.json", query: [URLQueryItem(name: "include", value: "users")])
        var pages = 0
        while let current = url, pages < 100 {
            pages += 1
            let page = try await connection.json("GET", current)
            comments += page["comments"] as? [Any] ?? []
            users += page["users"] as? [Any] ?? []
            url = (page["next_page"] as? String).flatMap(URL.init(string:)).flatMap(sameOrigin)
        }
        return try JSONSerialization.data(withJSONObject: ["comments": comments, "users": users])
    }

    /// `url` when it points at the configured account (a `next_page` elsewhere is not followed with our credentials).
    func sameOrigin(_ url: URL) -> URL? {
        url.scheme == connection.baseURL.scheme && url.host == connection.baseURL.host && url.port == connection.baseURL.port ? url : nil
    }

    static func id(_ value: Any?) -> String? {
        switch value {
        case let number as NSNumber: "\(number.int64Value)"
        case let text as String where !text.isEmpty: text
        default: nil
        }
    }
}
