import FlyingFox
import Foundation

/// A fake Zendesk Support API on 127.0.0.1 for sync tests, the demo and benchmarks.
///
/// Serves the cursor-based incremental ticket export (`/api/v2/incremental/tickets/cursor.json` with `start_time`
/// or `cursor`, `per_page`, side-loaded `users` and `groups`, opaque `after_cursor`, `end_of_stream`) and
/// `/api/v2/tickets/{id}/comments.json`. Requires API-token basic auth (`email/token:TOKEN`). Scripted faults,
/// an outage switch and a request-count rate limit (429 with `Retry-After`) let tests drive failures.
///
/// ```swift
/// let zendesk = try await FakeZendeskServer.start(tickets: FakeHelpdeskTicket.sample(count: 2500))
/// // point ZendeskClient at zendesk.baseURL with .zendeskToken(email: zendesk.email, token: zendesk.token)
/// ```
public final class FakeZendeskServer: Sendable {
    private let server: LoopbackServer
    let ledger: FakeHelpdeskLedger
    /// The agent e-mail and API token the fake accepts.
    public let email: String
    public let token: String

    public var baseURL: URL { server.baseURL }

    private init(server: LoopbackServer, ledger: FakeHelpdeskLedger, email: String, token: String) {
        self.server = server
        self.ledger = ledger
        self.email = email
        self.token = token
    }

    /// Starts the fake with `tickets`; `rateLimit` answers 429 (`Retry-After: retryAfter`) after that many export
    /// requests, then starts counting again.
    public static func start(tickets: [FakeHelpdeskTicket] = [], email: String = "agent@example.com",
                             token: String = "zd-test-token-7f3a", rateLimit: Int? = nil, retryAfter: Int = 60,
                             port: UInt16 = 0) async throws -> FakeZendeskServer {
        let ledger = FakeHelpdeskLedger(tickets: tickets)
        await ledger.setRateLimit(requests: rateLimit, retryAfter: retryAfter)
        let expected = FakeHelpdeskHTTP.basic("\(email)/token", token)
        let server = try await LoopbackServer.start(port: port, handler: ClosureHTTPHandler { request in
            try await FakeHelpdeskHTTP.handle(request, ledger: ledger, expectedAuthorization: expected, classify: classify) { r in
                try await route(r, ledger: ledger)
            }
        })
        return FakeZendeskServer(server: server, ledger: ledger, email: email, token: token)
    }

    static func classify(_ method: String, _ path: String) -> HelpdeskEndpoint {
        if path.hasPrefix("/api/v2/incremental/") { return .list }
        if path.hasSuffix("/comments.json") { return .comments }
        return method == "GET" ? .any : .write
    }

    static func route(_ request: FakeHelpdeskRequest, ledger: FakeHelpdeskLedger) async throws -> FlyingFox.HTTPResponse {
        let parts = request.path.split(separator: "/").map(String.init)
        if request.method == "GET", request.path == "/api/v2/incremental/tickets/cursor.json" {
            return await export(request, ledger: ledger)
        }
        if request.method == "GET", parts.count == 5, parts[2] == "tickets", parts[4] == "comments.json", let id = Int(parts[3]) {
            guard let ticket = await ledger.tickets[id] else { return FakeHelpdeskHTTP.json(404, ["error": "RecordNotFound"]) }
            return FakeHelpdeskHTTP.json(200, ["comments": ticket.comments.map { comment(ticket, $0) },
                                               "users": [requester(ticket), agent], "next_page": NSNull(),
                                               "previous_page": NSNull(), "count": ticket.comments.count])
        }
        if parts.count == 4, parts[2] == "tickets", parts[3].hasSuffix(".json"), let id = Int(parts[3].dropLast(5)) {
            guard let ticket = await ledger.tickets[id] else { return FakeHelpdeskHTTP.json(404, ["error": "RecordNotFound"]) }
            if request.method == "GET" { return FakeHelpdeskHTTP.json(200, ["ticket": self.ticket(ticket)]) }
            if request.method == "PUT" { return await update(ticket, request, ledger: ledger) }
        }
        return FakeHelpdeskHTTP.json(404, ["error": "InvalidEndpoint", "description": "\(request.method) \(request.path)"])
    }

    /// `PUT /api/v2/tickets/{id}.json`: refuses a `safe_update` whose `updated_stamp` is not the ticket's
    /// `updated_at` with 409; otherwise applies tags, priority, group, custom fields and the comment.
    private static func update(_ current: FakeHelpdeskTicket, _ request: FakeHelpdeskRequest,
                               ledger: FakeHelpdeskLedger) async -> FlyingFox.HTTPResponse {
        guard let body = (try? JSONSerialization.jsonObject(with: request.body)) as? [String: Any],
              let changes = body["ticket"] as? [String: Any] else {
            return FakeHelpdeskHTTP.json(400, ["error": "InvalidJSON"])
        }
        if changes["safe_update"] as? Bool == true {
            guard changes["updated_stamp"] as? String == FakeHelpdeskHTTP.iso(current.updatedAt) else {
                await ledger.noteConflict()
                return FakeHelpdeskHTTP.json(409, ["error": "UpdateConflict",
                                                   "description": "Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again."])
            }
        }
        var ticket = current
        if let tags = changes["tags"] as? [String] { ticket.tags = tags }
        if let priority = changes["priority"] as? String { ticket.priority = priority }
        if let comment = changes["comment"] as? [String: Any], let text = comment["body"] as? String {
            let id = (ticket.comments.map(\.id).max() ?? ticket.id * 10) + 1
            ticket.comments.append(.init(id: id, body: text, byAgent: true, isPublic: comment["public"] as? Bool ?? true,
                                         createdAt: ticket.updatedAt.addingTimeInterval(1)))
        }
        ticket.updatedAt = ticket.updatedAt.addingTimeInterval(1)
        await ledger.put(ticket)
        await ledger.recordWrite(FakeHelpdeskWrite(method: request.method, path: request.path, ticketID: ticket.id,
                                                   body: String(decoding: request.body, as: UTF8.self)))
        return FakeHelpdeskHTTP.json(200, ["ticket": self.ticket(ticket)])
    }

    // MARK: - Incremental export

    private static func export(_ request: FakeHelpdeskRequest, ledger: FakeHelpdeskLedger) async -> FlyingFox.HTTPResponse {
        let perPage = min(1000, max(1, Int(request.query["per_page"] ?? "") ?? 1000))
        let after: (updated: Int, id: Int)
        if let cursor = request.query["cursor"] {
            guard let decoded = decodeCursor(cursor) else {
                return FakeHelpdeskHTTP.json(400, ["error": "InvalidPaginationParameter", "description": "invalid cursor"])
            }
            after = decoded
        } else if let start = request.query["start_time"].flatMap(Int.init) {
            after = (start, -1)
            if after.updated < 0 { return FakeHelpdeskHTTP.json(400, ["error": "InvalidValue", "description": "start_time"]) }
        } else {
            return FakeHelpdeskHTTP.json(400, ["error": "InvalidPaginationParameter", "description": "start_time or cursor is required"])
        }
        let remaining = await ledger.ordered().filter { (Int($0.updatedAt.timeIntervalSince1970), $0.id) > after }
        let page = Array(remaining.prefix(perPage))
        let last = page.last.map { (Int($0.updatedAt.timeIntervalSince1970), $0.id) } ?? after
        let cursor = encodeCursor(last)
        let include = Set((request.query["include"] ?? "").split(separator: ",").map(String.init))
        var body: [String: Any] = [
            "tickets": page.map(ticket),
            "after_cursor": cursor,
            "after_url": "/api/v2/incremental/tickets/cursor.json?cursor=\(cursor)",
            "before_cursor": NSNull(), "before_url": NSNull(),
            "end_of_stream": remaining.count <= perPage,
        ]
        if include.contains("users") { body["users"] = page.map(requester) + [agent] }
        if include.contains("groups") {
            let names = Set(page.compactMap(\.group)).sorted()
            body["groups"] = names.map { ["id": groupID($0), "name": $0] }
        }
        return FakeHelpdeskHTTP.json(200, body)
    }

    static func encodeCursor(_ position: (updated: Int, id: Int)) -> String {
        Data("\(position.updated).\(position.id)".utf8).base64EncodedString()
    }

    static func decodeCursor(_ cursor: String) -> (updated: Int, id: Int)? {
        guard let data = Data(base64Encoded: cursor), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: ".")
        guard parts.count == 2, let updated = Int(parts[0]), let id = Int(parts[1]) else { return nil }
        return (updated, id)
    }

    // MARK: - JSON shapes (Zendesk Support API reference: Tickets, Users, Groups, Ticket Comments)

    static let agentID = 900_001
    static var agent: [String: Any] { ["id": agentID, "name": "Agent Smith", "email": "agent@example.com", "role": "agent"] }

    static func requesterID(_ t: FakeHelpdeskTicket) -> Int { 500_000_000 + t.id }

    static func groupID(_ name: String) -> Int {
        700_000 + Int(name.utf8.reduce(UInt32(0)) { ($0 &* 31) &+ UInt32($1) } % 100_000)
    }

    static func requester(_ t: FakeHelpdeskTicket) -> [String: Any] {
        ["id": requesterID(t), "name": t.requesterName, "email": t.requesterEmail, "role": "end-user"]
    }

    static func ticket(_ t: FakeHelpdeskTicket) -> [String: Any] {
        [
            "id": t.id, "url": "/api/v2/tickets/\(t.id).json", "subject": t.subject, "raw_subject": t.subject,
            "description": t.description, "status": t.status, "priority": t.priority, "type": "question",
            "tags": t.tags, "requester_id": requesterID(t), "submitter_id": requesterID(t),
            "assignee_id": NSNull(), "group_id": t.group.map { groupID($0) as Any } ?? NSNull(),
            "created_at": FakeHelpdeskHTTP.iso(t.createdAt), "updated_at": FakeHelpdeskHTTP.iso(t.updatedAt),
            "generated_timestamp": Int(t.updatedAt.timeIntervalSince1970),
            "via": ["channel": "email"], "custom_fields": [] as [Any],
        ]
    }

    static func comment(_ t: FakeHelpdeskTicket, _ c: FakeHelpdeskTicket.Comment) -> [String: Any] {
        [
            "id": c.id, "type": "Comment", "author_id": c.byAgent ? agentID : requesterID(t), "body": c.body,
            "plain_body": c.body, "html_body": "<div class=\"zd-comment\"><p>\(c.body)</p></div>", "public": c.isPublic,
            "created_at": FakeHelpdeskHTTP.iso(c.createdAt),
        ]
    }

    // MARK: - Control and inspection

    /// Adds or replaces a ticket (an agent's or customer's change: give it a later `updatedAt`).
    public func put(_ ticket: FakeHelpdeskTicket) async { await ledger.put(ticket) }
    /// Answers the next requests of `endpoint` with `faults`, in order.
    public func inject(_ faults: [HelpdeskFault], on endpoint: HelpdeskEndpoint = .any) async { await ledger.addFaults(faults, for: endpoint) }
    /// Answers every request with `status` until called with `nil`.
    public func setOutage(_ status: Int?) async { await ledger.setOutage(status) }
    /// Every request received, faulted ones included.
    public var requests: [FakeHelpdeskRequest] { get async { await ledger.requests } }
    /// How many 429s the rate limit answered.
    public var rateLimitedCount: Int { get async { await ledger.rateLimitedCount } }
    /// Writes accepted (409s not included), in order.
    public var writes: [FakeHelpdeskWrite] { get async { await ledger.writes } }
    /// Updates refused with 409 because their `updated_stamp` was stale.
    public var conflicts: Int { get async { await ledger.conflicts } }
    /// The tickets as the fake holds them now.
    public var tickets: [FakeHelpdeskTicket] { get async { await ledger.ordered() } }

    public func stop() async { await server.stop() }
}
