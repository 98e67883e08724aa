import Foundation

/// A ticket the fake help desks serve, in a vendor-neutral shape each fake renders in its own API's JSON.
public struct FakeHelpdeskTicket: Sendable, Hashable {
    /// A comment (Zendesk), conversation (Freshdesk) or issue comment (JSM).
    public struct Comment: Sendable, Hashable {
        public var id: Int
        public var body: String
        public var byAgent: Bool
        public var isPublic: Bool
        public var createdAt: Date

        public init(id: Int, body: String, byAgent: Bool = false, isPublic: Bool = true, createdAt: Date) {
            self.id = id
            self.body = body
            self.byAgent = byAgent
            self.isPublic = isPublic
            self.createdAt = createdAt
        }
    }

    public var id: Int
    public var subject: String
    public var description: String
    public var requesterName: String
    public var requesterEmail: String
    /// `new`, `open`, `pending`, `solved` …
    public var status: String
    /// `low`, `normal`, `high`, `urgent`.
    public var priority: String
    public var tags: [String]
    /// The group (department) name, when assigned.
    public var group: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var comments: [Comment]

    public init(id: Int, subject: String, description: String, requesterName: String = "Customer",
                requesterEmail: String = "customer@example.com", status: String = "open", priority: String = "normal",
                tags: [String] = [], group: String? = nil, createdAt: Date, updatedAt: Date? = nil, comments: [Comment] = []) {
        self.id = id
        self.subject = subject
        self.description = description
        self.requesterName = requesterName
        self.requesterEmail = requesterEmail
        self.status = status
        self.priority = priority
        self.tags = tags
        self.group = group
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.comments = comments
    }

    /// `count` distinct tickets with ids from `firstID`, one updated every `spacing` seconds from `start`, each with
    /// one customer comment and (every third) an internal agent note; for paging tests and benchmarks.
    public static func sample(count: Int, firstID: Int = 1, start: Date = Date(timeIntervalSince1970: 1_780_000_000),
                              spacing: TimeInterval = 60) -> [FakeHelpdeskTicket] {
        let topics = ["I was charged twice for my subscription", "Cannot log in after the password reset",
                      "The export to CSV times out", "Please cancel my order before it ships",
                      "Invoice shows the wrong VAT number", "App crashes when I upload a photo"]
        let groups = ["Billing", "Technical", "Technical", "Shipping", "Billing", "Technical"]
        return (0..<count).map { index in
            let id = firstID + index
            let created = start.addingTimeInterval(Double(index) * spacing)
            let topic = index % topics.count
            var comments = [Comment(id: id * 10 + 1, body: "\(topics[topic]). Reference \(id). Thanks for looking into it.",
                                    createdAt: created)]
            if index % 3 == 0 {
                comments.append(Comment(id: id * 10 + 2, body: "Checked the account; escalating.", byAgent: true,
                                        isPublic: false, createdAt: created.addingTimeInterval(30)))
            }
            return FakeHelpdeskTicket(id: id, subject: "\(topics[topic]) (#\(id))", description: comments[0].body,
                                      requesterName: "Customer \(id)", requesterEmail: "customer\(id)@example.com",
                                      tags: ["sample"], group: groups[topic], createdAt: created,
                                      updatedAt: created.addingTimeInterval(45), comments: comments)
        }
    }
}

/// A failure a fake help desk answers the next matching request with, in script order.
public enum HelpdeskFault: Sendable, Hashable {
    /// Answers normally (a placeholder that lets a script fault the third request, not the first).
    case pass
    /// This HTTP status with a JSON error body (500, 503, 400 …).
    case status(Int)
    /// 429 with `Retry-After: seconds`.
    case rateLimited(retryAfter: Int)
    /// The response head, then the connection drops before the body.
    case reset
    /// Waits this long before answering normally (a shorter client timeout fires).
    case delay(Duration)
    /// Processes the request, then drops the connection before the answer's body (the write happened; the client
    /// cannot know).
    case resetAfterProcessing
    /// Write endpoints only: an agent edits the ticket (adds the tag `agent-edit`, a later update time) just before
    /// this request is processed, so a `safe_update` carrying the older stamp is refused with 409.
    case agentEditFirst
}

/// A write a fake help desk accepted.
public struct FakeHelpdeskWrite: Sendable, Hashable {
    public var method: String
    public var path: String
    public var ticketID: Int
    /// The JSON body as received.
    public var body: String
}

/// Which requests a scripted fault applies to.
public enum HelpdeskEndpoint: String, Sendable, Hashable {
    /// The ticket list or export (Zendesk incremental export, Freshdesk ticket list, JSM JQL search).
    case list
    /// A ticket's comments or conversations.
    case comments
    /// A ticket update or note.
    case write
    /// Any request.
    case any
}

/// A request a fake help desk received.
public struct FakeHelpdeskRequest: Sendable, Hashable {
    public var method: String
    public var path: String
    public var query: [String: String]
    public var endpoint: HelpdeskEndpoint
    /// The `Authorization` header as received.
    public var authorization: String?
    public var body: Data
}
