import Foundation
import Synchronization
import Testing
@testable import TicketTriage

@Suite struct BoundedQueueTests {
    @Test func batchesStopAtTheByteBudgetButNeverComeOutEmpty() {
        let queue = BoundedQueue<Int>(capacity: 100, byteCapacity: .max, size: { $0 })
        for size in [10, 10, 10, 50, 10] { #expect(queue.push(size)) }
        queue.close()
        #expect(queue.popBatch(max: 10, maxBytes: 25) == [10, 10])
        #expect(queue.popBatch(max: 10, maxBytes: 25) == [10])
        #expect(queue.popBatch(max: 10, maxBytes: 25) == [50])      // one item over the budget still passes
        #expect(queue.popBatch(max: 10, maxBytes: 25) == [10])
        #expect(queue.popBatch(max: 10, maxBytes: 25) == nil)
    }

    /// A producer of large items waits once the queued bytes reach the budget, however few items that is.
    @Test func aProducerWaitsWhenTheQueuedBytesReachTheBudget() {
        let queue = BoundedQueue<Int>(capacity: 1000, byteCapacity: 100, size: { $0 })
        let pushed = Atomic(0)
        let producer = Thread {
            for _ in 0..<10 {
                guard queue.push(40) else { return }
                pushed.add(1, ordering: .relaxed)
            }
            queue.close()
        }
        producer.start()
        // Two 40-byte items fit in 100 bytes; the third has to wait for the consumer: the producer is seen waiting.
        let deadline = ContinuousClock.now + .seconds(10)
        while queue.producersWaiting == 0, ContinuousClock.now < deadline { sched_yield() }
        #expect(queue.producersWaiting == 1)
        #expect(pushed.load(ordering: .relaxed) == 2)
        #expect(queue.bytesQueued == 80)
        var received = 0
        while let batch = queue.popBatch(max: 100) {
            received += batch.count
            #expect(queue.bytesQueued <= 100)
        }
        #expect(received == 10)
    }

    @Test func anItemLargerThanTheBudgetIsAdmittedIntoAnEmptyQueue() {
        let queue = BoundedQueue<Int>(capacity: 10, byteCapacity: 100, size: { $0 })
        #expect(queue.push(500))
        #expect(queue.popBatch(max: 10) == [500])
    }
}
