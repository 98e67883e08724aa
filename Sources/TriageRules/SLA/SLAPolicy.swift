import Foundation
import TriageModel

/// Response-time targets per priority, measured in business hours when ``businessHours`` is set.
///
/// - First response: from the ticket's creation to the first agent reply.
/// - Next response: from the latest customer message to the next agent reply, while the customer is waiting
///   (after a first reply). When nobody is waiting there is no next-response clock.
public struct SLAPolicy: Sendable, Hashable {
    /// Targets of one priority, in seconds; `nil` where no target is set.
    public struct Targets: Sendable, Hashable {
        public var firstResponse: TimeInterval?
        public var nextResponse: TimeInterval?

        public init(firstResponse: TimeInterval? = nil, nextResponse: TimeInterval? = nil) {
            self.firstResponse = firstResponse
            self.nextResponse = nextResponse
        }
    }

    public var targets: [Priority: Targets]
    /// `nil` means calendar time (24/7).
    public var businessHours: BusinessHours?
    /// A running clock is at risk once this fraction of its target has elapsed (0…1).
    public var atRiskFraction: Double

    public init(targets: [Priority: Targets], businessHours: BusinessHours? = nil, atRiskFraction: Double = 0.75) {
        self.targets = targets
        self.businessHours = businessHours
        self.atRiskFraction = atRiskFraction
    }

    /// Both clocks for a ticket of `priority` at `now`.
    public func status(for ticket: TicketFacts, priority: Priority, now: Date) -> SLAStatus {
        let target = targets[priority] ?? Targets()
        var status = SLAStatus()
        if let seconds = target.firstResponse, let created = ticket.createdAt {
            status.firstResponse = clock(from: created, target: seconds, answeredAt: ticket.firstAgentReplyAt, now: now)
        }
        if let seconds = target.nextResponse, let firstReply = ticket.firstAgentReplyAt,
           let customer = ticket.lastCustomerMessageAt, customer > max(firstReply, ticket.lastAgentReplyAt ?? firstReply) {
            status.nextResponse = clock(from: customer, target: seconds, answeredAt: nil, now: now)
        }
        return status
    }

    /// The due time `seconds` of (business) time after `start`.
    public func due(after start: Date, seconds: TimeInterval) -> Date {
        businessHours?.adding(seconds, to: start) ?? start.addingTimeInterval(seconds)
    }

    /// (Business) time elapsed between two moments.
    public func elapsed(from start: Date, to end: Date) -> TimeInterval {
        businessHours?.businessSeconds(from: start, to: end) ?? max(0, end.timeIntervalSince(start))
    }

    private func clock(from start: Date, target: TimeInterval, answeredAt: Date?, now: Date) -> SLAStatus.Clock {
        let due = due(after: start, seconds: target)
        if let answeredAt {
            return SLAStatus.Clock(dueAt: due, breached: answeredAt > due, atRisk: false, completedAt: answeredAt)
        }
        let breached = now > due
        let atRisk = !breached && elapsed(from: start, to: now) >= atRiskFraction * target
        return SLAStatus.Clock(dueAt: due, breached: breached, atRisk: atRisk, completedAt: nil)
    }
}
