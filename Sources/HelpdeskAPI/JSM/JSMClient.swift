import Foundation
import Synchronization
import TriageImport

/// Jira Service Management (Jira Cloud REST API v3): issues updated since a time, oldest first, with comments.
///
/// - `GET /rest/api/3/myself` once: JQL dates carry no zone and are read in the API user's time zone (`timeZone`),
///   so the bound is written in that zone.
/// - `POST /rest/api/3/search/jql` with `{"jql": "(JQL) AND updated >= \"yyyy/MM/dd HH:mm\" ORDER BY updated ASC, key ASC",
///   "fields": [...], "maxResults": N, "nextPageToken": …}`; the answer has `issues` and a `nextPageToken` until the
///   last page.
/// - `GET /rest/api/3/issue/{key}/comment?startAt=N&maxResults=100` when an issue has more comments than the search
///   returned. A comment's `jsdPublic: false` marks an internal note; `visibility` restricts it to a role or group.
///
/// Authentication: the Atlassian account e-mail and an API token as basic auth.
public struct JSMClient: IncrementalTicketSource {
    public let name = "jsm"
    public let format = ImportFormat.jiraJSON
    public var connection: HelpdeskConnection
    /// The JQL selecting the service desk's issues (e.g. `project = SUP`); empty: every issue the user can see.
    public var jql: String
    public var pageSize = 100
    /// JQL dates have minutes: re-read one minute before the newest update of a committed page.
    public var overlapSeconds = 60
    private let zone = ZoneCache()

    static let fields = ["summary", "description", "status", "priority", "reporter", "assignee", "labels", "components",
                         "created", "updated", "issuetype", "project", "organization", "comment"]

    public init(connection: HelpdeskConnection, jql: String = "") {
        self.connection = connection
        self.jql = jql
    }

    public var cursorKey: String { "jsm \(connection.baseURL.host ?? connection.baseURL.absoluteString)" }

    public func fetchPage(_ position: SyncPosition) async throws -> SyncPage {
        let mark = try HighWaterMark(position, vendor: "Jira Service Management")
        let timeZone = try await userTimeZone()
        let query = Self.query(base: jql, since: Date(timeIntervalSince1970: Double(mark.since)), timeZone: timeZone)
        var body: [String: Any] = ["jql": query, "fields": Self.fields, "maxResults": pageSize]
        if let token = mark.pageToken { body["nextPageToken"] = token }
        let url = connection.url("/rest/api/3/search/jql")
        let page = try await connection.json("POST", url, body: try JSONSerialization.data(withJSONObject: body), idempotent: true)
        guard var issues = page["issues"] as? [[String: Any]] else {
            throw HelpdeskError.malformed(vendor: "Jira Service Management", path: url.path, detail: "no `issues` array")
        }
        for index in issues.indices {
            guard var fields = issues[index]["fields"] as? [String: Any], let key = issues[index]["key"] as? String,
                  let comment = fields["comment"] as? [String: Any] else { continue }
            let returned = (comment["comments"] as? [Any])?.count ?? 0
            if let total = comment["total"] as? Int, total > returned {
                fields["comment"] = ["comments": try await allComments(of: key), "total": total]
                issues[index]["fields"] = fields
            }
        }
        let newest = issues.compactMap { HighWaterMark.dates.date(from: ($0["fields"] as? [String: Any])?["updated"]) }.max()
        let nextToken = (page["nextPageToken"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        let more = nextToken != nil && (page["isLast"] as? Bool) != true
        let (resume, next) = mark.advance(newest: newest, more: more, overlap: overlapSeconds, nextPageToken: nextToken)
        return SyncPage(document: try JSONSerialization.data(withJSONObject: ["issues": issues]),
                        ticketIDs: issues.compactMap { $0["key"] as? String }, resume: resume, next: next)
    }

    /// `(base) AND updated >= "yyyy/MM/dd HH:mm" ORDER BY updated ASC, key ASC`, the date floored to the minute in `timeZone`.
    static func query(base: String, since: Date, timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy/MM/dd HH:mm"
        let bound = "updated >= \"\(formatter.string(from: since))\""
        let trimmed = base.trimmingCharacters(in: .whitespacesAndNewlines)
        return (trimmed.isEmpty ? bound : "(\(trimmed)) AND \(bound)") + " ORDER BY updated ASC, key ASC"
    }

    private func userTimeZone() async throws -> TimeZone {
        if let cached = zone.value { return cached }
        let me = try await connection.json("GET", connection.url("/rest/api/3/myself"))
        let timeZone = (me["timeZone"] as? String).flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
        zone.store(timeZone)
        return timeZone
    }

    private func allComments(of key: String) async throws -> [Any] {
        var comments: [Any] = []
        while comments.count < 100_000 {
            let url = connection.url("/rest/api/3/issue/\(key)/comment", query: [
                URLQueryItem(name: "startAt", value: "\(comments.count)"), URLQueryItem(name: "maxResults", value: "100"),
                URLQueryItem(name: "orderBy", value: "created"),
            ])
            let page = try await connection.json("GET", url)
            let batch = page["comments"] as? [Any] ?? []
            comments += batch
            let total = page["total"] as? Int ?? comments.count
            if batch.isEmpty || comments.count >= total { break }
        }
        return comments
    }
}

/// The API user's time zone, read once per client.
final class ZoneCache: Sendable {
    private let stored = Mutex<TimeZone?>(nil)

    /// The cached zone, `nil` until one is stored.
    var value: TimeZone? { stored.withLock { $0 } }

    /// Stores the zone read from the API (a later read of the same user gives the same zone).
    func store(_ zone: TimeZone) { stored.withLock { $0 = zone } }
}
