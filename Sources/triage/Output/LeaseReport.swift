import Foundation
import TriageModel
import TriageStore

/// What `triage run` says about leases: those it took over from dead runs, and tickets another run still holds.
enum LeaseReport {
    /// Takes over the leases of runs whose process is gone on this host (and of `runs`), saying so on stderr.
    static func takeOver(store: TicketStore, runs: Set<Int64>) throws {
        let takeover = try store.takeOverDeadRuns(runs: runs)
        for holder in takeover.released {
            let why = holder.owner.runID.map(runs.contains) == true ? "as asked" : "its process \(holder.owner.pid.map(String.init) ?? "?") is gone"
            Terminal.err("took over \(holder.ticketIDs.count) ticket(s) leased by \(describe(holder.owner)) (\(why))")
        }
        let interrupted = takeover.interruptedRuns.filter { id in !takeover.released.contains { $0.owner.runID == id } }
        if !interrupted.isEmpty {
            Terminal.err("marked run(s) \(interrupted.map(String.init).joined(separator: ", ")) interrupted: they were still "
                         + "`running` but hold no tickets and ended without a word")
        }
    }

    /// After a run: tickets still leased by other runs are named with their holder and expiry; exit 75.
    static func heldElsewhere(store: TicketStore) throws {
        let holders = try store.leaseHolders()
        guard !holders.isEmpty else { return }
        for holder in holders {
            let ids = holder.ticketIDs.prefix(10).map(String.init).joined(separator: ", ")
                + (holder.ticketIDs.count > 10 ? ", … (\(holder.ticketIDs.count) in all)" : "")
            let until = String(SQLDate.string(holder.expiresAt).prefix(19)).replacingOccurrences(of: "T", with: " ")
            Terminal.err("\(holder.ticketIDs.count) ticket(s) are held by \(describe(holder.owner)) until \(until) UTC: \(ids)")
        }
        let runs = holders.compactMap(\.owner.runID).map(String.init)
        throw CommandFailure("some pending tickets are leased by another run and were not triaged; run again after it ends "
                       + "or its leases expire" + (runs.isEmpty ? "" : ", or, if that run is gone, `triage run --take-over \(runs[0])`"),
                       status: .temporary)
    }

    static func describe(_ owner: LeaseOwner) -> String {
        guard let runID = owner.runID else { return "\"\(owner.text)\"" }
        return "run \(runID) (process \(owner.pid.map(String.init) ?? "?") on \(owner.host ?? "?"))"
    }
}
