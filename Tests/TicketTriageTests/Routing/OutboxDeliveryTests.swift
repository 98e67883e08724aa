import Foundation
import Testing
import TicketTriage
import TriageNetwork
import TriageRules
import TriageStore
import TriageTestSupport

@Suite(.serialized) struct OutboxDeliveryTests {
    /// Fast retries, no real waiting between attempts within a run, and a timeout the delay fault (10 s) exceeds —
    /// long enough that an ordinary request on a busy 2-core CI machine does not time out by accident.
    let policy = DeliveryPolicy(timeout: .milliseconds(4000), attemptsPerRun: 3, maxAttempts: 10,
                                initialBackoff: .milliseconds(1))

    func routed(tickets: Int, to receiver: WebhookReceiver) throws -> TicketStore {
        let store = try RoutingFixtures.store(tickets: tickets)
        let router = Router(rules: try RuleSet.parse(yaml: RoutingFixtures.rules(webhook: receiver.url.absoluteString)))
        _ = try router.routeAll(store: store, now: RoutingFixtures.now)
        return store
    }

    @Test func everyFiringIsDeliveredOnceDespite500TimeoutAndReset() async throws {
        let receiver = try await WebhookReceiver.start(faults: [.status(500), .delay(.seconds(10)), .reset, .status(503)])
        let store = try routed(tickets: 8, to: receiver)  // 4 billing tickets → 4 notifications
        let keys = Set(try store.dueOutbox(now: .distantFuture).map(\.idempotencyKey))
        #expect(keys.count == 4)
        let delivery = OutboxDelivery(transport: CurlTransport(), policy: policy, sleep: { _ in })
        var report = try await delivery.deliverDue(store: store)
        // Rows that used up this run's attempts are due again after their (tiny) backoff: the next run sends them.
        let deadline = ContinuousClock.now + .seconds(20)
        while report.retryLater > 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            report = try await delivery.deliverDue(store: store)
        }
        #expect(try store.outboxCounts() == OutboxCounts(pending: 0, delivered: 4, failed: 0))
        #expect(await receiver.uniqueKeys.subtracting([""]) == keys)
        // The timed-out request is still processed by the receiver once its delay ends, so that key arrives twice;
        // deduplicating by key, the receiver sees each firing exactly once.
        let arrival = ContinuousClock.now + .seconds(15)
        while await receiver.receivedKeys.count < 5, ContinuousClock.now < arrival {
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .milliseconds(200))  // and nothing more arrives
        let received = await receiver.receivedKeys
        #expect(received.count == 5)
        #expect(Set(received) == keys)
        #expect(await receiver.requestCount == 8)  // 500, delay, reset, 503 + four successful deliveries
        await receiver.stop()
    }

    /// One dead receiver (a closed port) must not hold back a working one on the same host; a retry the user asks
    /// for tries every row it names.
    @Test func backoffIsPerTargetAndAskedForRowsAreTriedNow() async throws {
        let receiver = try await WebhookReceiver.start()
        let live = receiver.url.absoluteString
        let dead = "http://127.0.0.1:9/hook"
        let store = try RoutingFixtures.store(tickets: 4)  // tickets 2 and 4 are Billing
        let rules = """
            version: 1
            rules:
              - id: page
                when: {field: triage.department, is: Billing}
                then:
                  - notify: {url: "\(dead)"}
                  - notify: {url: "\(live)"}
            """
        _ = try Router(rules: try RuleSet.parse(yaml: rules)).routeAll(store: store, now: RoutingFixtures.now)
        // No fault here needs a short timeout: a generous one keeps a loaded machine from turning a slow answer
        // into a failed attempt.
        let patient = DeliveryPolicy(timeout: .seconds(60), attemptsPerRun: 3, maxAttempts: 10, initialBackoff: .milliseconds(1))
        let delivery = OutboxDelivery(transport: CurlTransport(), policy: patient, sleep: { _ in })
        let report = try await delivery.deliverDue(store: store)
        #expect(report.delivered == 2)
        #expect(await receiver.requestCount == 2)
        #expect(report.retryLater == 2)
        #expect(report.failedAttempts == 1)  // the second row for the dead port waits without an attempt
        #expect(report.errors.contains { $0.contains("not tried: 127.0.0.1:9 refused a connection") })

        let waiting = try store.outboxEntries(states: [.pending])
        #expect(waiting.map(\.attempts) == [1, 0])
        let retried = try store.retryOutbox(ids: waiting.map(\.id))
        let again = try await delivery.deliverDue(store: store, tryNow: Set(retried))
        #expect(again.failedAttempts == 2)
        #expect(try store.outboxEntries(states: [.pending]).map(\.attempts) == [2, 1])
        await receiver.stop()
    }

    @Test func clientErrorsAreGivenUpAfterRecording() async throws {
        let receiver = try await WebhookReceiver.start(faults: [.status(404)])
        let store = try routed(tickets: 2, to: receiver)  // one notification
        let report = try await OutboxDelivery(transport: CurlTransport(), policy: policy, sleep: { _ in })
            .deliverDue(store: store)
        #expect(report.gaveUp == 1 && report.delivered == 0)
        #expect(try store.outboxCounts() == OutboxCounts(pending: 0, delivered: 0, failed: 1))
        #expect(await receiver.requestCount == 1)  // no retry of a 404
        await receiver.stop()
    }

    @Test func anUnreachableReceiverIsRetriedOnTheNextRun() async throws {
        // Port 9 (discard) on loopback refuses connections.
        let store = try RoutingFixtures.store(tickets: 4)
        let router = Router(rules: try RuleSet.parse(yaml: RoutingFixtures.rules(webhook: "http://127.0.0.1:9/hook")))
        _ = try router.routeAll(store: store, now: RoutingFixtures.now)
        let report = try await OutboxDelivery(transport: CurlTransport(), policy: policy, sleep: { _ in })
            .deliverDue(store: store)
        #expect(report.delivered == 0 && report.retryLater == 2 && report.failedAttempts == 1)
        #expect(try store.outboxCounts().pending == 2)
    }

    @Test(arguments: [(1, 500), (2, 1000), (3, 2000), (40, 3_600_000)])
    func backoffDoublesAndIsCapped(attempts: Int, milliseconds: Int64) {
        let policy = DeliveryPolicy(initialBackoff: .milliseconds(500), maxBackoff: .seconds(3600))
        #expect(policy.backoff(afterAttempts: attempts) == .milliseconds(milliseconds))
    }

    @Test(arguments: [(500, true), (503, true), (408, true), (429, true), (400, false), (404, false), (410, false)])
    func retryableStatuses(status: Int, retryable: Bool) {
        #expect(DeliveryPolicy.isRetryable(status: status) == retryable)
    }
}
