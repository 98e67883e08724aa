import Foundation
import Testing
import TicketTriage
import TriageModel
import TriageNetwork
import TriageRules
import TriageStore
import TriageTestSupport

/// Route-then-deliver, the step `triage route` and `triage run` share, over a real loopback receiver.
@Suite(.serialized) struct RoutingServiceTests {
    let policy = DeliveryPolicy(timeout: .milliseconds(4000), attemptsPerRun: 1, maxAttempts: 10, initialBackoff: .milliseconds(1))

    func service(tickets: Int, webhook: String) throws -> RoutingService {
        let store = try RoutingFixtures.store(tickets: tickets)
        let router = Router(rules: try RuleSet.parse(yaml: RoutingFixtures.rules(webhook: webhook)))
        return RoutingService(store: store, router: router,
                              delivery: OutboxDelivery(transport: CurlTransport(), policy: policy, sleep: { _ in }))
    }

    @Test func routesThenDeliversEveryNotificationAndReportsTheOutbox() async throws {
        let receiver = try await WebhookReceiver.start()
        let service = try service(tickets: 6, webhook: receiver.url.absoluteString)  // 3 billing tickets → 3 webhooks
        let outcome = try await service.run()
        #expect(outcome.routing.written.notifications == 3)
        #expect(outcome.delivery?.delivered == 3)
        #expect(outcome.outbox == OutboxCounts(pending: 0, delivered: 3, failed: 0))
        try outcome.requireDelivered()
        #expect(await receiver.requestCount == 3)
        await receiver.stop()
    }

    @Test func aDryRunWritesAndSendsNothing() async throws {
        let receiver = try await WebhookReceiver.start()
        let service = try service(tickets: 4, webhook: receiver.url.absoluteString)
        let outcome = try await service.run(dryRun: true)
        #expect(outcome.routing.written.notifications == 2)
        #expect(outcome.delivery == nil && outcome.outbox == nil)
        #expect(try service.store.outboxCounts() == OutboxCounts(pending: 0, delivered: 0, failed: 0))
        #expect(await receiver.requestCount == 0)
        await receiver.stop()
    }

    @Test func rowsWaitingForARetryMeanTryAgainAndGivenUpRowsMeanFailure() async throws {
        // Port 9 refuses connections: the rows wait for a retry (75).
        let refused = try service(tickets: 2, webhook: "http://127.0.0.1:9/hook")
        let waiting = try await refused.run()
        #expect(waiting.delivery?.retryLater == 1)
        #expect(throws: DeliveryIncomplete(gaveUp: 0, retryLater: 1)) { try waiting.requireDelivered() }
        #expect(DeliveryIncomplete(gaveUp: 0, retryLater: 1).exitStatus == .temporary)

        // A 400 is not retried: the row is given up (1), and the message says where to look.
        let receiver = try await WebhookReceiver.start(faults: [.status(400)])
        let rejected = try service(tickets: 2, webhook: receiver.url.absoluteString)
        let outcome = try await rejected.run()
        #expect(outcome.delivery?.gaveUp == 1)
        do {
            try outcome.requireDelivered()
            Issue.record("a given-up row passed requireDelivered")
        } catch let error as DeliveryIncomplete {
            #expect(error.exitStatus == .failure)
            #expect(error.userMessage.contains("triage outbox list --failed"))
        }
        await receiver.stop()
    }

    @Test func withoutDeliveryTheFiringsWaitInTheOutbox() async throws {
        let service = try service(tickets: 4, webhook: "http://127.0.0.1:9/hook")
        let outcome = try await service.run(deliver: false)
        #expect(outcome.delivery == nil)
        #expect(outcome.outbox == OutboxCounts(pending: 2, delivered: 0, failed: 0))
        try outcome.requireDelivered()
    }
}
