import FlyingFox
import Foundation

/// A fake Jira Service Management (Jira Cloud REST v3) on 127.0.0.1.
///
/// Serves `GET /rest/api/3/myself` (with the user's `timeZone`), `POST /rest/api/3/search/jql` (understands
/// `updated >= "yyyy/MM/dd HH:mm"` read in that zone and `ORDER BY updated ASC`; pages with an opaque
/// `nextPageToken` and `isLast`; returns at most `commentsPerIssue` comments inline with their `total`) and
/// `GET /rest/api/3/issue/{key}/comment`. Requires e-mail + API token basic auth.
public final class FakeJSMServer: Sendable {
    private let server: LoopbackServer
    let ledger: FakeHelpdeskLedger
    public let email: String
    public let token: String
    public var baseURL: URL { server.baseURL }

    private init(server: LoopbackServer, ledger: FakeHelpdeskLedger, email: String, token: String) {
        self.server = server
        self.ledger = ledger
        self.email = email
        self.token = token
    }

    public static func start(tickets: [FakeHelpdeskTicket] = [], email: String = "bot@example.com", token: String = "atl-test-token-c9d0",
                             timeZone: String = "Australia/Sydney", commentsPerIssue: Int = 1, project: String = "SUP",
                             port: UInt16 = 0) async throws -> FakeJSMServer {
        let ledger = FakeHelpdeskLedger(tickets: tickets)
        let expected = FakeHelpdeskHTTP.basic(email, token)
        let zone = TimeZone(identifier: timeZone)!
        let server = try await LoopbackServer.start(port: port, handler: ClosureHTTPHandler { request in
            try await FakeHelpdeskHTTP.handle(request, ledger: ledger, expectedAuthorization: expected, classify: classify) { r in
                try await route(r, ledger: ledger, zone: zone, commentsPerIssue: commentsPerIssue, project: project, email: email)
            }
        })
        return FakeJSMServer(server: server, ledger: ledger, email: email, token: token)
    }

    static func classify(_ method: String, _ path: String) -> HelpdeskEndpoint {
        if path == "/rest/api/3/search/jql" { return .list }
        if method == "GET", path.hasSuffix("/comment") { return .comments }
        return method == "GET" ? .any : .write
    }

    static func route(_ request: FakeHelpdeskRequest, ledger: FakeHelpdeskLedger, zone: TimeZone, commentsPerIssue: Int,
                      project: String, email: String) async throws -> FlyingFox.HTTPResponse {
        let parts = request.path.split(separator: "/").map(String.init)
        if request.method == "GET", request.path == "/rest/api/3/myself" {
            return FakeHelpdeskHTTP.json(200, ["accountId": "bot-1", "emailAddress": email, "displayName": "Triage Bot",
                                               "timeZone": zone.identifier, "accountType": "atlassian", "active": true])
        }
        if request.method == "POST", request.path == "/rest/api/3/search/jql" {
            guard let body = (try? JSONSerialization.jsonObject(with: request.body)) as? [String: Any], let jql = body["jql"] as? String else {
                return FakeHelpdeskHTTP.json(400, ["errorMessages": ["Invalid request payload. Refer to the REST API documentation and try again."]])
            }
            guard let since = updatedBound(jql, zone: zone) else {
                return FakeHelpdeskHTTP.json(400, ["errorMessages": ["Unbounded JQL queries are not allowed here."]])
            }
            let perPage = min(100, max(1, body["maxResults"] as? Int ?? 50))
            let offset = (body["nextPageToken"] as? String).flatMap { Data(base64Encoded: $0) }
                .flatMap { String(data: $0, encoding: .utf8) }.flatMap { Int($0.dropFirst("offset:".count)) } ?? 0
            let all = await ledger.ordered().filter { $0.updatedAt >= since }
            let slice = Array(all.dropFirst(offset).prefix(perPage))
            var answer: [String: Any] = ["issues": slice.map { issue($0, project: project, inline: commentsPerIssue) }]
            if all.count > offset + perPage {
                answer["nextPageToken"] = Data("offset:\(offset + perPage)".utf8).base64EncodedString()
                answer["isLast"] = false
            } else {
                answer["isLast"] = true
            }
            return FakeHelpdeskHTTP.json(200, answer)
        }
        if request.method == "GET", parts.count == 6, parts[3] == "issue", parts[5] == "comment",
           let id = Int(parts[4].split(separator: "-").last ?? "") {
            guard let ticket = await ledger.tickets[id] else { return FakeHelpdeskHTTP.json(404, ["errorMessages": ["Issue does not exist"]]) }
            let start = max(0, Int(request.query["startAt"] ?? "") ?? 0)
            let count = min(100, max(1, Int(request.query["maxResults"] ?? "") ?? 50))
            let replies = Array(ticket.comments.dropFirst())
            return FakeHelpdeskHTTP.json(200, ["comments": replies.dropFirst(start).prefix(count).map { comment(ticket, $0) },
                                               "startAt": start, "maxResults": count, "total": replies.count])
        }
        if parts.count >= 5, parts[3] == "issue", let id = Int(parts[4].split(separator: "-").last ?? ""), request.method != "GET" {
            guard var ticket = await ledger.tickets[id] else { return FakeHelpdeskHTTP.json(404, ["errorMessages": ["Issue does not exist"]]) }
            let body = (try? JSONSerialization.jsonObject(with: request.body)) as? [String: Any] ?? [:]
            var status = 204
            switch (request.method, parts.count) {
            case ("PUT", 5):
                for operation in (body["update"] as? [String: Any])?["labels"] as? [[String: String]] ?? [] {
                    if let add = operation["add"], !ticket.tags.contains(add) { ticket.tags.append(add) }
                    if let remove = operation["remove"] { ticket.tags.removeAll { $0 == remove } }
                }
                if let priority = ((body["fields"] as? [String: Any])?["priority"] as? [String: Any])?["name"] as? String {
                    ticket.priority = ["Low": "low", "Medium": "normal", "High": "high", "Highest": "urgent"][priority] ?? ticket.priority
                }
            case ("POST", 6) where parts[5] == "comment":
                let isInternal = (body["properties"] as? [[String: Any]] ?? []).contains {
                    $0["key"] as? String == "sd.public.comment" && ($0["value"] as? [String: Any])?["internal"] as? Bool == true
                }
                let paragraphs = ((body["body"] as? [String: Any])?["content"] as? [[String: Any]] ?? []).map { paragraph in
                    (paragraph["content"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }.joined()
                }
                let commentID = (ticket.comments.map(\.id).max() ?? id * 10) + 1
                ticket.comments.append(.init(id: commentID, body: paragraphs.joined(separator: "\n\n"), byAgent: true,
                                             isPublic: !isInternal, createdAt: ticket.updatedAt.addingTimeInterval(1)))
                status = 201
            default:
                return FakeHelpdeskHTTP.json(404, ["errorMessages": ["no such endpoint \(request.method) \(request.path)"]])
            }
            ticket.updatedAt = ticket.updatedAt.addingTimeInterval(1)
            await ledger.put(ticket)
            await ledger.recordWrite(FakeHelpdeskWrite(method: request.method, path: request.path, ticketID: id,
                                                       body: String(decoding: request.body, as: UTF8.self)))
            return status == 204 ? FlyingFox.HTTPResponse(statusCode: .noContent) : FakeHelpdeskHTTP.json(201, ["id": "\(id)"])
        }
        return FakeHelpdeskHTTP.json(404, ["errorMessages": ["no such endpoint \(request.method) \(request.path)"]])
    }

    /// The `updated >= "yyyy/MM/dd HH:mm"` bound of a JQL query, read in the user's zone.
    static func updatedBound(_ jql: String, zone: TimeZone) -> Date? {
        guard let range = jql.range(of: #"updated >= "[0-9/]+ [0-9:]+""#, options: .regularExpression) else { return nil }
        let literal = jql[range].split(separator: "\"")[1]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy/MM/dd HH:mm"
        return formatter.date(from: String(literal))
    }

    static func jiraDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSZ"
        return formatter.string(from: date)
    }

    static func adf(_ text: String) -> [String: Any] {
        ["type": "doc", "version": 1, "content": [["type": "paragraph", "content": [["type": "text", "text": text]]]]]
    }

    static func person(_ t: FakeHelpdeskTicket, agent: Bool) -> [String: Any] {
        agent ? ["accountId": "agent-1", "displayName": "Agent Smith", "emailAddress": "agent@example.com", "accountType": "atlassian"]
              : ["accountId": "cust-\(t.id)", "displayName": t.requesterName, "emailAddress": t.requesterEmail, "accountType": "customer"]
    }

    static func issue(_ t: FakeHelpdeskTicket, project: String, inline: Int) -> [String: Any] {
        let replies = Array(t.comments.dropFirst())
        let priorities = ["low": "Low", "normal": "Medium", "high": "High", "urgent": "Highest"]
        return [
            "id": "\(10_000 + t.id)", "key": "\(project)-\(t.id)", "self": "/rest/api/3/issue/\(10_000 + t.id)",
            "fields": [
                "summary": t.subject, "description": adf(t.description), "status": ["name": t.status.capitalized],
                "priority": ["name": priorities[t.priority] ?? "Medium"], "reporter": person(t, agent: false),
                "assignee": NSNull(), "labels": t.tags, "components": t.group.map { [["name": $0]] } ?? [],
                "created": jiraDate(t.createdAt), "updated": jiraDate(t.updatedAt),
                "issuetype": ["name": "Get IT help"], "project": ["key": project],
                "comment": ["comments": replies.prefix(inline).map { comment(t, $0) }, "maxResults": inline,
                            "total": replies.count, "startAt": 0] as [String: Any],
            ] as [String: Any],
        ]
    }

    static func comment(_ t: FakeHelpdeskTicket, _ c: FakeHelpdeskTicket.Comment) -> [String: Any] {
        var object: [String: Any] = ["id": "\(c.id)", "author": person(t, agent: c.byAgent), "body": adf(c.body),
                                     "created": jiraDate(c.createdAt), "updated": jiraDate(c.createdAt), "jsdPublic": c.isPublic]
        if !c.isPublic { object["visibility"] = ["type": "role", "value": "Service Desk Team"] }
        return object
    }

    public func put(_ ticket: FakeHelpdeskTicket) async { await ledger.put(ticket) }
    public func inject(_ faults: [HelpdeskFault], on endpoint: HelpdeskEndpoint = .any) async { await ledger.addFaults(faults, for: endpoint) }
    public var requests: [FakeHelpdeskRequest] { get async { await ledger.requests } }
    public var writes: [FakeHelpdeskWrite] { get async { await ledger.writes } }
    public var tickets: [FakeHelpdeskTicket] { get async { await ledger.ordered() } }
    public func stop() async { await server.stop() }
}
