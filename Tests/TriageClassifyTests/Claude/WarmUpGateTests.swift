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
        #expect(await gate.enter())
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<8 {
                group.addTask {
                    let warmer = await gate.enter()
                    await log.add(warmer ? "warmer \(i)" : "passed")
                }
            }
            // Give the waiters time to queue; none may pass before `open()`.
            try? await Task.sleep(for: .milliseconds(100))
            await log.add("open")
            await gate.open()
        }
        let events = await log.events
        #expect(events.first == "open")
        #expect(events.filter { $0 == "passed" }.count == 8)
        // After opening, callers pass straight through and nobody becomes a second warmer.
        #expect(await gate.enter() == false)
    }
}
