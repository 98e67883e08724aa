import Foundation
import TriageModel
import TriageStore

/// Route, then deliver: the routing step of `triage route` and of `triage run` (when rules are configured), written
/// once. Firings and their notifications are committed by the routing pass; delivery of the outbox follows.
public struct RoutingService: Sendable {
    public var store: TicketStore
    public var router: Router
    public var delivery: OutboxDelivery

    public init(store: TicketStore, router: Router, delivery: OutboxDelivery = .curl()) {
        self.store = store
        self.router = router
        self.delivery = delivery
    }

    /// What one route-and-deliver step did.
    public struct Outcome: Sendable, Encodable {
        public var routing: RoutingReport
        /// `nil` for a dry run or when delivery was not asked for.
        public var delivery: DeliveryReport?
        /// The outbox after the step; `nil` for a dry run.
        public var outbox: OutboxCounts?

        /// Succeeds when every delivery due went out; else the error `triage route` and `triage run` exit with.
        /// - Throws: ``DeliveryIncomplete``: 1 when delivery gave up on some rows, 75 when some wait for a retry.
        public func requireDelivered() throws {
            guard let delivery else { return }
            if delivery.gaveUp > 0 { throw DeliveryIncomplete(gaveUp: delivery.gaveUp, retryLater: delivery.retryLater) }
            if delivery.retryLater > 0 { throw DeliveryIncomplete(gaveUp: 0, retryLater: delivery.retryLater) }
        }
    }

    /// Applies the rules to every triaged ticket not routed for its current content, then (unless `dryRun` or
    /// `deliver` is false) delivers what is due in the outbox.
    /// - Throws: ``StoreError`` when the store cannot be read or written; delivery failures are counted in the
    ///   outcome, not thrown.
    public func run(dryRun: Bool = false, deliver: Bool = true) async throws -> Outcome {
        let routing = try router.routeAll(store: store, dryRun: dryRun)
        var outcome = Outcome(routing: routing)
        if !dryRun && deliver {
            outcome.delivery = try await delivery.deliverDue(store: store)
        }
        if !dryRun { outcome.outbox = try store.outboxCounts() }
        return outcome
    }
}

/// Some outbox rows were not delivered by this step.
public struct DeliveryIncomplete: UserFacingError, CustomStringConvertible, Sendable, Equatable {
    public var gaveUp: Int
    public var retryLater: Int

    public init(gaveUp: Int, retryLater: Int) {
        self.gaveUp = gaveUp
        self.retryLater = retryLater
    }

    /// 1 when delivery gave up on some rows (they need a look), else 75 (they are retried by the next run).
    public var exitStatus: ExitStatus { gaveUp > 0 ? .failure : .temporary }

    public var description: String {
        gaveUp > 0
            ? "delivery gave up on \(gaveUp) outbox row(s); see `triage outbox list --failed`, then `triage outbox retry ID`"
            : "\(retryLater) outbox row(s) not delivered yet; they are retried by the next `triage route` or `triage run` "
                + "(or now: `triage outbox retry ID`)"
    }
}
