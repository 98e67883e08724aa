import AnthropicClient
import Foundation

/// The fake's mutable state: scripted faults, prompt cache, batches, request log.
actor MockState {
    private var faults: [MockEndpoint: [MockFault]] = [:]
    private var cache = MockPromptCache()
    private(set) var requests: [RecordedRequest] = []
    private var counter = 0
    private var batches: [String: MockBatch] = [:]
    private var windowStart = Date()
    private var windowCount = 0
    private var connections = Set<String>()
    private(set) var batchesCreated = 0
    private(set) var resetsApplied = 0
    private var inFlight = 0
    /// The most requests being answered at once (until their response head was handed to the server).
    private(set) var maxInFlight = 0
    /// `windowStart + 60 s` in RFC 3339, formatted once per window.
    private(set) var windowReset = ISO8601DateFormatter().string(from: Date().addingTimeInterval(60))

    func enqueue(_ more: [MockFault], for endpoint: MockEndpoint) {
        faults[endpoint, default: []] += more
    }

    func nextFault(for endpoint: MockEndpoint) -> MockFault? {
        guard var queue = faults[endpoint], !queue.isEmpty else { return nil }
        let fault = queue.removeFirst()
        faults[endpoint] = queue
        return fault
    }

    /// Logs the request; returns its request id and how many requests this minute window has seen.
    func record(_ request: RecordedRequest) -> (requestID: String, countInWindow: Int, reused: Bool) {
        var request = request
        request.reusedConnection = !request.connection.isEmpty && !connections.insert(request.connection).inserted
        requests.append(request)
        counter += 1
        let now = Date()
        if now.timeIntervalSince(windowStart) >= 60 {
            windowStart = now
            windowCount = 0
            windowReset = ISO8601DateFormatter().string(from: now.addingTimeInterval(60))
        }
        windowCount += 1
        return (String(format: "req_mock_%06d", counter), windowCount, request.reusedConnection)
    }

    func usage(for request: MessageRequest, minimumCacheable: Int, outputTokens: Int) -> Usage {
        cache.usage(for: request, minimumCacheable: minimumCacheable, outputTokens: outputTokens)
    }

    func addBatch(requests: [BatchRequest], processingTime: Duration) -> MockBatch {
        counter += 1
        let now = Date()
        let seconds = Double(processingTime.components.seconds) + Double(processingTime.components.attoseconds) / 1e18
        let batch = MockBatch(id: String(format: "msgbatch_mock_%06d", counter), createdAt: now,
                              endsAt: now.addingTimeInterval(seconds), requests: requests)
        batches[batch.id] = batch
        batchesCreated += 1
        return batch
    }

    func batch(id: String) -> MockBatch? { batches[id] }

    func countReset() { resetsApplied += 1 }

    func beginRequest() {
        inFlight += 1
        maxInFlight = max(maxInFlight, inFlight)
    }

    func endRequest() { inFlight -= 1 }

    /// Every batch, most recently created first (ids grow with time, so they break ties).
    func batchesNewestFirst() -> [MockBatch] {
        batches.values.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
    }

    func cancelBatch(id: String) -> MockBatch? {
        guard var batch = batches[id] else { return nil }
        if batch.cancelInitiatedAt == nil && Date() < batch.endsAt {
            batch.cancelInitiatedAt = Date()
            batches[id] = batch
        }
        return batch
    }
}

/// A batch the fake holds: it ends `endsAt`, or right after a cancel.
struct MockBatch: Sendable {
    var id: String
    var createdAt: Date
    var endsAt: Date
    var requests: [BatchRequest]
    var cancelInitiatedAt: Date?

    func status(at now: Date) -> MessageBatch.ProcessingStatus {
        if let cancelInitiatedAt {
            return now.timeIntervalSince(cancelInitiatedAt) < 0.05 ? .canceling : .ended
        }
        return now >= endsAt ? .ended : .inProgress
    }
}
