import Foundation

/// The mutable state of a fake help desk: its tickets (kept in export order), scripted faults, rate limit and the
/// requests it received.
actor FakeHelpdeskLedger {
    private(set) var tickets: [Int: FakeHelpdeskTicket] = [:]
    private var faults: [(endpoint: HelpdeskEndpoint, fault: HelpdeskFault)] = []
    private(set) var requests: [FakeHelpdeskRequest] = []
    /// Requests of the list endpoint answered since the last 429.
    private var listRequestsInWindow = 0
    var listRequestsPerWindow: Int?
    var retryAfterSeconds = 60
    /// When set, every request is answered with this status (an outage).
    var outage: Int?
    private(set) var rateLimitedCount = 0
    private(set) var writes: [FakeHelpdeskWrite] = []
    private(set) var conflicts = 0

    init(tickets: [FakeHelpdeskTicket]) {
        for ticket in tickets { self.tickets[ticket.id] = ticket }
    }

    func put(_ ticket: FakeHelpdeskTicket) { tickets[ticket.id] = ticket }
    func addFaults(_ more: [HelpdeskFault], for endpoint: HelpdeskEndpoint) { faults += more.map { (endpoint, $0) } }
    func setOutage(_ status: Int?) { outage = status }
    func setRateLimit(requests: Int?, retryAfter: Int) {
        listRequestsPerWindow = requests
        retryAfterSeconds = retryAfter
        listRequestsInWindow = 0
    }

    /// Records `request` and decides whether it is faulted, rate limited or answered.
    func admit(_ request: FakeHelpdeskRequest) -> HelpdeskFault? {
        requests.append(request)
        if let outage { return .status(outage) }
        if let index = faults.firstIndex(where: { $0.endpoint == .any || $0.endpoint == request.endpoint }) {
            return faults.remove(at: index).fault
        }
        if request.endpoint == .list, let limit = listRequestsPerWindow {
            if listRequestsInWindow >= limit {
                listRequestsInWindow = 0
                rateLimitedCount += 1
                return .rateLimited(retryAfter: retryAfterSeconds)
            }
            listRequestsInWindow += 1
        }
        return nil
    }

    func recordWrite(_ write: FakeHelpdeskWrite) { writes.append(write) }
    func noteConflict() { conflicts += 1 }

    /// An agent's edit: the tag `agent-edit` and an update time a minute later.
    func agentEdit(_ id: Int) {
        guard var ticket = tickets[id] else { return }
        if !ticket.tags.contains("agent-edit") { ticket.tags.append("agent-edit") }
        ticket.updatedAt = ticket.updatedAt.addingTimeInterval(60)
        tickets[id] = ticket
    }

    /// Tickets ordered as incremental exports order them: by update time, then id.
    func ordered() -> [FakeHelpdeskTicket] {
        tickets.values.sorted { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }
    }
}
