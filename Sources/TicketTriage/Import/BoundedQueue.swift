import Foundation

/// A blocking first-in first-out queue with a capacity, between the importer's reading thread and the
/// store's writer: the reader waits when the writer falls behind, so memory stays bounded.
final class BoundedQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var head = 0
    private let capacity: Int
    private var closed = false
    private var cancelled = false

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Adds `item`, waiting while the queue is full. Returns `false` when the consumer cancelled.
    func push(_ item: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count - head >= capacity, !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(item)
        condition.broadcast()
        return true
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

    /// Up to `max` items, waiting for at least one; `nil` once closed and drained.
    func popBatch(max: Int) -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while items.count == head, !closed { condition.wait() }
        if items.count == head { return nil }
        let end = min(items.count, head + max)
        let batch = Array(items[head..<end])
        head = end
        if head > 4096, head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return batch
    }
}
