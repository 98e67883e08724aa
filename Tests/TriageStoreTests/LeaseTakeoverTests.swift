import Foundation
import Testing
@testable import TriageStore

@Suite struct LeaseTakeoverTests {
    @Test func ownersNameTheirRunProcessAndHost() {
        let owner = LeaseOwner.current(runID: 7)
        #expect(owner.text == "run-7-\(ProcessInfo.processInfo.processIdentifier)@\(LeaseOwner.hostName)")
        #expect(LeaseOwner(text: owner.text) == owner)
        #expect(LeaseOwner(text: owner.text).processIsGone == false)  // this very process
        let legacy = LeaseOwner(text: "run-123-ab12cd34")
        #expect(legacy.runID == nil && legacy.pid == nil && !legacy.processIsGone)
        let elsewhere = LeaseOwner(text: "run-3-1@\(LeaseOwner.hostName)-not-this-one")
        #expect(elsewhere.runID == 3 && !elsewhere.processIsGone)
    }

    @Test func aDeadRunsLeasesAreTakenOverAndTheRunMarkedInterruptedALiveRunsAreNamed() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert((1...4).map { sampleTicket(id: "t\($0)") }, runID: nil)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let deadRun = try store.beginTriageRun(backend: "local", budgetUSD: nil, at: start)
        let liveRun = try store.beginTriageRun(backend: "local", budgetUSD: nil, at: start)
        let dead = "run-\(deadRun)-999999@\(LeaseOwner.hostName)"
        let live = LeaseOwner.current(runID: liveRun).text
        #expect(try store.leasePendingTickets(owner: dead, limit: 2, now: start).map(\.id) == [1, 2])
        #expect(try store.leasePendingTickets(owner: live, limit: 1, now: start).map(\.id) == [3])

        let holders = try store.leaseHolders(now: start.addingTimeInterval(60))
        #expect(holders.map(\.ticketIDs) == [[1, 2], [3]])
        #expect(holders[0].owner.runID == deadRun && holders[0].expiresAt == start.addingTimeInterval(600))

        let takeover = try store.takeOverDeadRuns(now: start.addingTimeInterval(60), isGone: { $0.text == dead })
        #expect(takeover.released.map(\.owner.text) == [dead])
        #expect(takeover.interruptedRuns == [deadRun])
        // Ticket 4 and the dead run's two are free; the live run keeps ticket 3.
        #expect(try store.leasePendingTickets(owner: "next", limit: 10, now: start.addingTimeInterval(61)).map(\.id) == [1, 2, 4])
        #expect(try store.leaseHolders(now: start.addingTimeInterval(62)).map(\.owner.text) == ["next", live])
    }

    @Test func aRunningRunWithoutLeasesPastTheLeaseTimeIsMarkedInterruptedAndAskedForRunsAreTakenOver() throws {
        let store = try TicketStore.inMemory()
        _ = try store.upsert([sampleTicket(id: "a"), sampleTicket(id: "b")], runID: nil)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let forgotten = try store.beginTriageRun(backend: "local", budgetUSD: nil, at: start)
        let remote = try store.beginTriageRun(backend: "local", budgetUSD: nil, at: start.addingTimeInterval(900))
        _ = try store.leasePendingTickets(owner: "run-\(remote)-42@elsewhere", limit: 1, now: start.addingTimeInterval(900))
        let now = start.addingTimeInterval(1000)
        let first = try store.takeOverDeadRuns(now: now)
        #expect(first.released.isEmpty)  // another host: cannot be known dead
        #expect(first.interruptedRuns == [forgotten])
        let asked = try store.takeOverDeadRuns(now: now, runs: [remote])
        #expect(asked.released.map(\.ticketIDs) == [[1]])
        #expect(asked.interruptedRuns == [remote])
    }
}
