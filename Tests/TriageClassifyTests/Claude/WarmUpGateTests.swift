import Testing
@testable import TriageClassify

@Suite struct WarmUpGateTests {
    /// Records the order of events from concurrent tasks.
    actor Log {
        var events: [String] = []
        func add(_ event: String) { events.append(event) }
    }

    @Test func firstCallerGoesAloneOthersWaitForOpen() async throws {
        let gate = WarmUpGate()
        let log = Log()
        #expect(try await gate.enter())
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<8 {
                group.addTask {
                    let warmer = (try? await gate.enter()) ?? true
                    await log.add(warmer ? "warmer \(i)" : "passed")
                }
            }
            // Wait until all eight are queued (a condition, not a sleep); none may pass before `open()`.
            while await gate.waitingCount < 8 { await Task.yield() }
            await log.add("open")
            await gate.open()
        }
        let events = await log.events
        #expect(events.first == "open")
        #expect(events.filter { $0 == "passed" }.count == 8)
        // After opening, callers pass straight through and nobody becomes a second warmer.
        #expect(try await gate.enter() == false)
    }

    @Test func aFailedWarmUpHandsTheWarmUpToTheNextWaiterOthersKeepWaiting() async throws {
        let gate = WarmUpGate(maximumFailures: 3)
        #expect(try await gate.enter())
        let log = Log()
        let waiters = (0..<3).map { i in
            Task {
                let warmer = try await gate.enter()
                await log.add(warmer ? "warmer \(i)" : "passed \(i)")
                return warmer
            }
        }
        // Wait until all three are queued behind the first warmer (they are tasks: they get there eventually).
        while await gate.waitingCount < 3 { await Task.yield() }
        await gate.failed()
        // `failed()` hands the warm-up to exactly one waiter (it leaves the queue at once); the other two still wait.
        #expect(await gate.waitingCount == 2)
        #expect(await log.events.allSatisfy { $0.hasPrefix("warmer") })
        await gate.open()
        var warmers = 0
        for waiter in waiters where try await waiter.value { warmers += 1 }
        #expect(warmers == 1)
        #expect(await log.events.filter { $0.hasPrefix("passed") }.count == 2)
    }

    @Test func afterTheLastAllowedFailureEveryonePasses() async throws {
        let gate = WarmUpGate(maximumFailures: 2)
        #expect(try await gate.enter())
        await gate.failed()
        #expect(try await gate.enter())  // nobody was waiting: the next caller warms up
        await gate.failed()
        #expect(try await gate.enter() == false)
    }

    @Test func aStopReachesEveryWaiterWithoutARequest() async throws {
        struct Rejected: Error {}
        let gate = WarmUpGate()
        #expect(try await gate.enter())
        let waiter = Task { try await gate.enter() }
        while await gate.waitingCount < 1 { await Task.yield() }
        await gate.stop(Rejected())
        await #expect(throws: Rejected.self) { try await waiter.value }
        await #expect(throws: Rejected.self) { try await gate.enter() }
    }
}
