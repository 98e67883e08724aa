import Foundation
import TriageNetwork
import TriageStore

/// Delivers due outbox rows: POSTs each body as JSON with an `Idempotency-Key` header, records every attempt,
/// retries 5xx / 408 / 429 / timeouts / broken connections with exponential backoff, and gives up on other 4xx.
///
/// A row stays in the outbox until a 2xx is recorded, so a process that dies mid-delivery sends it again on the
/// next run with the same key; receivers drop the repeat.
public struct OutboxDelivery: Sendable {
    public let transport: any HTTPTransport
    public var policy: DeliveryPolicy
    /// How to wait between attempts (tests pass a no-op).
    public var sleep: @Sendable (Duration) async -> Void
    /// Delivers rows of kind `helpdesk` (rule write-backs); without it those rows wait, untouched.
    public var helpdesk: HelpdeskWriteBack?

    public init(transport: any HTTPTransport, policy: DeliveryPolicy = DeliveryPolicy(),
                sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }) {
        self.transport = transport
        self.policy = policy
        self.sleep = sleep
    }

    /// Delivery through libcurl (`CurlTransport`).
    public static func curl(policy: DeliveryPolicy = DeliveryPolicy()) -> OutboxDelivery {
        OutboxDelivery(transport: CurlTransport(), policy: policy)
    }

    /// Delivers every row due at `now()`; returns what happened. Store errors are thrown; delivery errors are
    /// recorded on the row.
    ///
    /// A target (scheme, host and port) that refused a connection is not tried again in this call: its other rows
    /// wait, untouched, for the next run, while rows for other targets (another port on the same host included) are
    /// delivered. Rows in `tryNow` (a retry the user asked for) are each tried once regardless.
    public func deliverDue(store: TicketStore, tryNow: Set<Int64> = [],
                           now: @Sendable () -> Date = { Date() }) async throws -> DeliveryReport {
        var report = DeliveryReport()
        var seen = Set<Int64>()
        var unreachable = Set<String>()
        while true {
            let due = try store.dueOutbox(now: now(), limit: 100).filter { !seen.contains($0.id) }
            if due.isEmpty { break }
            for item in due {
                seen.insert(item.id)
                let target = item.kind == "helpdesk"
                    ? "helpdesk:" + (HelpdeskTarget(target: item.target)?.vendor ?? item.target)
                    : DeliveryPolicy.targetKey(item.target)
                if unreachable.contains(target) && !tryNow.contains(item.id) {
                    report.retryLater += 1
                    report.errors.append(item.kind == "helpdesk"
                        ? "\(item.idempotencyKey): not tried: \(target.dropFirst("helpdesk:".count)) was unavailable or not "
                            + "configured earlier in this run; tried again on the next run"
                        : "\(item.idempotencyKey): not tried: \(TargetRedaction.hostAndPort(of: item.target)) "
                            + "refused a connection earlier in this run; tried again on the next run")
                    continue
                }
                if try await deliver(item, store: store, now: now, report: &report) == .unreachable {
                    unreachable.insert(target)
                }
            }
        }
        return report
    }

    private enum Result { case done, retryLater, unreachable }

    private func deliver(_ item: OutboxItem, store: TicketStore, now: @Sendable () -> Date,
                         report: inout DeliveryReport) async throws -> Result {
        var attempts = item.attempts
        for attemptInRun in 1...max(1, policy.attemptsPerRun) {
            let error: String
            let retryable: Bool
            let refused: Bool
            switch await send(item) {
            case .delivered:
                try store.markDelivered(outboxID: item.id, at: now())
                report.delivered += 1
                return .done
            case let .waiting(message):
                report.retryLater += 1
                report.errors.append("\(item.idempotencyKey): \(message)")
                return .unreachable
            case let .failed(message, canRetry, wasRefused):
                error = message
                retryable = canRetry
                refused = wasRefused
            }
            attempts += 1
            report.failedAttempts += 1
            let giveUp = !retryable || attempts >= policy.maxAttempts
            let wait = policy.backoff(afterAttempts: attempts)
            let retryAt = giveUp ? nil : now().addingTimeInterval(DeliveryPolicy.seconds(wait))
            try store.recordFailedDelivery(outboxID: item.id, error: error, retryAt: retryAt, at: now())
            if giveUp {
                report.gaveUp += 1
                report.errors.append("\(item.idempotencyKey): gave up: \(error)")
                return .done
            }
            if refused {
                report.retryLater += 1
                report.errors.append("\(item.idempotencyKey): will retry: \(error)")
                return .unreachable
            }
            if attemptInRun < policy.attemptsPerRun { await sleep(wait) }
        }
        report.retryLater += 1
        report.errors.append("\(item.idempotencyKey): will retry after backoff")
        return .retryLater
    }


    private enum Attempt {
        case delivered
        /// Not tried now and not counted (a help desk write without a configured connection).
        case waiting(String)
        case failed(String, retryable: Bool, refused: Bool = false)
    }

    /// A webhook POST, or a help desk write for rows of kind `helpdesk`.
    private func send(_ item: OutboxItem) async -> Attempt {
        guard item.kind == "helpdesk" else { return await post(item) }
        guard let helpdesk else {
            return .waiting("help desk write-back to \(item.target) waits: no help desk connection is set up for delivery here")
        }
        switch await helpdesk.attempt(item) {
        case .delivered: return .delivered
        case let .waiting(message): return .waiting(message)
        case let .failed(message, retryable, unreachable): return .failed(message, retryable: retryable, refused: unreachable)
        }
    }

    private func post(_ item: OutboxItem) async -> Attempt {
        guard let url = URL(string: item.target), url.scheme == "http" || url.scheme == "https" else {
            // Not the URL itself: it may hold a token, and errors are stored and printed.
            return .failed("invalid webhook URL (host \(TargetRedaction.host(of: item.target)); only http and https are sent)",
                           retryable: false)
        }
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        headers.add("Idempotency-Key", item.idempotencyKey)
        let request = HTTPRequest(method: "POST", url: url, headers: headers, body: Data(item.body.utf8),
                                  timeout: policy.timeout)
        do {
            let response = try await transport.send(request)
            // A response cut off mid-body is not an acknowledgement: the connection broke, so retry.
            _ = try await response.body.collect(upTo: 1 << 20)
            if (200..<300).contains(response.status) { return .delivered }
            return .failed("HTTP \(response.status) from \(TargetRedaction.hostAndPort(of: item.target))",
                           retryable: DeliveryPolicy.isRetryable(status: response.status))
        } catch let error as NetworkError {
            let message = TargetRedaction.redact(error.description, target: item.target)
            if case .connectionFailed = error { return .failed(message, retryable: true, refused: true) }
            return .failed(message, retryable: error.isTransient)
        } catch {
            return .failed(TargetRedaction.redact("\(error)", target: item.target), retryable: true)
        }
    }
}
