import Foundation

/// A bounded hand-off of parsed records from the parsing thread to the thread that maps and emits them.
///
/// Batches keep locking rare; the bound keeps memory flat (at most `capacity` batches wait). The producer
/// ends with ``finish(_:)`` (an error is delivered after every batch queued before it); the consumer may
/// ``cancel()``, after which ``put(_:)`` returns `false` so the producer stops reading.
final class XMLRecordQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var batches: [[XMLRecordStream.Item]] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Queues a batch, waiting while the queue is full; `false` once the consumer cancelled.
    func put(_ batch: [XMLRecordStream.Item]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// The producer is done; `error` (if any) is thrown by ``take()`` after the queued batches.
    func finish(_ error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, waiting for one; `nil` at the end. Throws the producer's error after the last batch.
    func take() throws -> [XMLRecordStream.Item]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        if !batches.isEmpty {
            let batch = batches.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure {
            self.failure = nil
            throw failure
        }
        return nil
    }

    /// The consumer stops: queued batches are dropped and the producer's next ``put(_:)`` fails.
    func cancel() {
        condition.lock()
        cancelled = true
        batches.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
