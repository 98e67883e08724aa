import Foundation

/// A blocking first-in first-out queue with a capacity, between the importer's reading thread and the
/// store's writer: the reader waits when the writer falls behind, so memory stays bounded.
///
/// The capacity is counted in items *and* in bytes (each item's `size`): a mailbox of 5 MB messages must not
/// queue thousands of them. One item larger than the byte capacity is still let through when the queue is empty.
final class BoundedQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var head = 0
    private let capacity: Int
    private let byteCapacity: Int
    private let size: (Element) -> Int
    private var queuedBytes = 0
    private var closed = false
    private var cancelled = false
    private var waitingPushes = 0

    init(capacity: Int, byteCapacity: Int = .max, size: @escaping (Element) -> Int = { _ in 0 }) {
        self.capacity = capacity
        self.byteCapacity = byteCapacity
        self.size = size
    }

    /// Adds `item`, waiting while the queue is full. Returns `false` when the consumer cancelled.
    func push(_ item: Element) -> Bool {
        let bytes = size(item)
        condition.lock()
        defer { condition.unlock() }
        while !cancelled, items.count - head >= capacity || (items.count > head && queuedBytes + bytes > byteCapacity) {
            waitingPushes += 1
            condition.wait()
            waitingPushes -= 1
        }
        guard !cancelled else { return false }
        items.append(item)
        queuedBytes += bytes
        condition.broadcast()
        return true
    }

    /// How many `push` calls are waiting for room right now (for tests that must see a producer blocked).
    var producersWaiting: Int {
        condition.lock()
        defer { condition.unlock() }
        return waitingPushes
    }

    /// The producer is done; `popBatch` returns what is left, then `nil`.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer gives up: waiting producers are released and further pushes fail.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Up to `max` items and about `maxBytes` (at least one item), waiting for at least one; `nil` once closed
    /// and drained.
    func popBatch(max: Int, maxBytes: Int = .max) -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while items.count == head, !closed { condition.wait() }
        if items.count == head { return nil }
        var end = head
        var bytes = 0
        while end < items.count, end - head < max {
            let next = size(items[end])
            if end > head, bytes + next > maxBytes { break }
            bytes += next
            end += 1
        }
        let batch = Array(items[head..<end])
        head = end
        queuedBytes -= bytes
        if head > 4096, head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return batch
    }

    /// Bytes queued now (for tests).
    var bytesQueued: Int {
        condition.lock()
        defer { condition.unlock() }
        return queuedBytes
    }
}
