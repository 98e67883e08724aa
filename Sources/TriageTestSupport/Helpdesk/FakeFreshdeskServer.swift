import FlyingFox
import Foundation

/// A fake Freshdesk API v2 on 127.0.0.1.
///
/// Serves `GET /api/v2/tickets` (`updated_since` inclusive, `order_by=updated_at`, `order_type`, `per_page` ≤ 100,
/// `page`, `include=requester,description`; a `Link: <…>; rel="next"` header while more pages exist; `X-RateLimit-*`
/// headers) and `GET /api/v2/tickets/{id}/conversations`. Requires the API key as basic-auth user with `X`.
public final class FakeFreshdeskServer: Sendable {
    private let server: LoopbackServer
    let ledger: FakeHelpdeskLedger
    public let apiKey: String
    public var baseURL: URL { server.baseURL }

    private init(server: LoopbackServer, ledger: FakeHelpdeskLedger, apiKey: String) {
        self.server = server
        self.ledger = ledger
        self.apiKey = apiKey
    }

    public static func start(tickets: [FakeHelpdeskTicket] = [], apiKey: String = "fd-test-key-4b1e", rateLimit: Int? = nil,
                             retryAfter: Int = 60, port: UInt16 = 0) async throws -> FakeFreshdeskServer {
        let ledger = FakeHelpdeskLedger(tickets: tickets)
        await ledger.setRateLimit(requests: rateLimit, retryAfter: retryAfter)
        let expected = FakeHelpdeskHTTP.basic(apiKey, "X")
        let server = try await LoopbackServer.start(port: port, handler: ClosureHTTPHandler { request in
            try await FakeHelpdeskHTTP.handle(request, ledger: ledger, expectedAuthorization: expected, classify: classify) { r in
                try await route(r, ledger: ledger)
            }
        })
        return FakeFreshdeskServer(server: server, ledger: ledger, apiKey: apiKey)
    }

    static func classify(_ method: String, _ path: String) -> HelpdeskEndpoint {
        if method == "GET", path == "/api/v2/tickets" { return .list }
        if method == "GET", path.hasSuffix("/conversations") { return .comments }
        return method == "GET" ? .any : .write
    }

    static let rateHeaders = ["X-RateLimit-Total": "700", "X-RateLimit-Remaining": "650", "X-RateLimit-Used-CurrentRequest": "1"]

    static func route(_ request: FakeHelpdeskRequest, ledger: FakeHelpdeskLedger) async throws -> FlyingFox.HTTPResponse {
        let parts = request.path.split(separator: "/").map(String.init)
        if request.method == "GET", request.path == "/api/v2/tickets" {
            let perPage = min(100, max(1, Int(request.query["per_page"] ?? "") ?? 30))
            let page = max(1, Int(request.query["page"] ?? "") ?? 1)
            guard let sinceText = request.query["updated_since"], let since = ISO8601DateFormatter().date(from: sinceText) else {
                return FakeHelpdeskHTTP.json(400, ["description": "Validation failed",
                                                   "errors": [["field": "updated_since", "message": "invalid date", "code": "invalid_value"]]])
            }
            var all = await ledger.ordered().filter { $0.updatedAt >= since }
            if request.query["order_type"] == "desc" { all.reverse() }
            let slice = Array(all.dropFirst((page - 1) * perPage).prefix(perPage))
            var headers = rateHeaders
            if all.count > page * perPage {
                headers["Link"] = "<\(request.path)?updated_since=\(sinceText)&per_page=\(perPage)&page=\(page + 1)>; rel=\"next\""
            }
            let include = Set((request.query["include"] ?? "").split(separator: ",").map(String.init))
            return FakeHelpdeskHTTP.json(200, slice.map { ticket($0, include: include) }, headers: headers)
        }
        if request.method == "GET", parts.count == 5, parts[2] == "tickets", parts[4] == "conversations", let id = Int(parts[3]) {
            guard let ticket = await ledger.tickets[id] else { return FakeHelpdeskHTTP.json(404, ["code": "access_denied"]) }
            // The first comment is the ticket's description; conversations are the replies and notes after it.
            return FakeHelpdeskHTTP.json(200, ticket.comments.dropFirst().map { conversation(ticket, $0) }, headers: rateHeaders)
        }
        if parts.count >= 4, parts[2] == "tickets", let id = Int(parts[3]) {
            guard var ticket = await ledger.tickets[id] else { return FakeHelpdeskHTTP.json(404, ["code": "access_denied"]) }
            let body = (try? JSONSerialization.jsonObject(with: request.body)) as? [String: Any] ?? [:]
            switch (request.method, parts.count) {
            case ("GET", 4):
                return FakeHelpdeskHTTP.json(200, self.ticket(ticket, include: []), headers: rateHeaders)
            case ("PUT", 4):
                if let tags = body["tags"] as? [String] { ticket.tags = tags }
                if let code = body["priority"] as? Int { ticket.priority = priorities.first { $0.value == code }?.key ?? ticket.priority }
            case ("POST", 5) where parts[4] == "notes":
                guard let html = body["body"] as? String else {
                    return FakeHelpdeskHTTP.json(400, ["description": "Validation failed", "errors": [["field": "body", "code": "missing_field"]]])
                }
                let text = html.replacingOccurrences(of: "<br>", with: "\n").replacingOccurrences(of: "&lt;", with: "<")
                    .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
                let noteID = (ticket.comments.map(\.id).max() ?? id * 10) + 1
                ticket.comments.append(.init(id: noteID, body: text, byAgent: true, isPublic: !(body["private"] as? Bool ?? false),
                                             createdAt: ticket.updatedAt.addingTimeInterval(1)))
            default:
                return FakeHelpdeskHTTP.json(404, ["description": "no such endpoint \(request.method) \(request.path)"])
            }
            ticket.updatedAt = ticket.updatedAt.addingTimeInterval(1)
            await ledger.put(ticket)
            await ledger.recordWrite(FakeHelpdeskWrite(method: request.method, path: request.path, ticketID: id,
                                                       body: String(decoding: request.body, as: UTF8.self)))
            return FakeHelpdeskHTTP.json(request.method == "POST" ? 201 : 200, self.ticket(ticket, include: []), headers: rateHeaders)
        }
        return FakeHelpdeskHTTP.json(404, ["description": "no such endpoint \(request.method) \(request.path)"])
    }

    static let priorities = ["low": 1, "normal": 2, "medium": 2, "high": 3, "urgent": 4]
    static let statuses = ["new": 2, "open": 2, "pending": 3, "solved": 4, "resolved": 4, "closed": 5]

    static func ticket(_ t: FakeHelpdeskTicket, include: Set<String>) -> [String: Any] {
        var object: [String: Any] = [
            "id": t.id, "subject": t.subject, "status": statuses[t.status] ?? 2, "priority": priorities[t.priority] ?? 2,
            "source": 1, "type": "Question", "tags": t.tags, "requester_id": 800_000 + t.id, "group_id": NSNull(),
            "responder_id": NSNull(), "company_id": NSNull(), "custom_fields": ["cf_department": t.group as Any? ?? NSNull()],
            "created_at": FakeHelpdeskHTTP.iso(t.createdAt), "updated_at": FakeHelpdeskHTTP.iso(t.updatedAt),
            "due_by": FakeHelpdeskHTTP.iso(t.createdAt.addingTimeInterval(86400)), "fr_escalated": false, "spam": false,
        ]
        if include.contains("requester") {
            object["requester"] = ["id": 800_000 + t.id, "name": t.requesterName, "email": t.requesterEmail,
                                   "mobile": NSNull(), "phone": NSNull()]
        }
        if include.contains("description") {
            object["description"] = "<div>\(t.description)</div>"
            object["description_text"] = t.description
        }
        return object
    }

    static func conversation(_ t: FakeHelpdeskTicket, _ c: FakeHelpdeskTicket.Comment) -> [String: Any] {
        [
            "id": c.id, "body": "<div>\(c.body)</div>", "body_text": c.body, "incoming": !c.byAgent, "private": !c.isPublic,
            "user_id": c.byAgent ? 900_001 : 800_000 + t.id, "from_email": c.byAgent ? "agent@example.com" : t.requesterEmail,
            "support_email": NSNull(), "source": c.isPublic ? 0 : 2, "ticket_id": t.id,
            "created_at": FakeHelpdeskHTTP.iso(c.createdAt), "updated_at": FakeHelpdeskHTTP.iso(c.createdAt),
        ]
    }

    public func put(_ ticket: FakeHelpdeskTicket) async { await ledger.put(ticket) }
    public func inject(_ faults: [HelpdeskFault], on endpoint: HelpdeskEndpoint = .any) async { await ledger.addFaults(faults, for: endpoint) }
    public func setOutage(_ status: Int?) async { await ledger.setOutage(status) }
    public var requests: [FakeHelpdeskRequest] { get async { await ledger.requests } }
    public var rateLimitedCount: Int { get async { await ledger.rateLimitedCount } }
    public var writes: [FakeHelpdeskWrite] { get async { await ledger.writes } }
    public var tickets: [FakeHelpdeskTicket] { get async { await ledger.ordered() } }
    public func stop() async { await server.stop() }
}
