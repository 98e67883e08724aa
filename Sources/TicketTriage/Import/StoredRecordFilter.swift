import Foundation
import TriageModel
import TriageStore

/// On the import's reading thread: drops records the store already holds unchanged before they are prepared.
///
/// Re-importing an unchanged export used to prepare every record in full (JSON text, dates, message ids, search
/// text, content digest) and queue it for the writer, which then found its record digest equal and did nothing.
/// Here records are looked up in groups (`TicketStore.storedRecordCheck`, one read per group) after only the
/// record digest is computed; the stored, equal ones are counted as unchanged and go no further.
///
/// Correctness rests on one rule: a record whose identity this import already queued is never skipped, since
/// the writer may not have committed that earlier version yet (the store would still show an older one). The
/// queued identities are kept as 64-bit hashes (a collision only means a record is not skipped); past
/// `maxTracked` of them the filter turns itself off. A first import finds nothing stored: after a group without
/// a hit the next groups are not looked up (1, 2, 4 … up to 64 groups), so it pays almost nothing.
final class StoredRecordFilter {
    private let store: TicketStore
    private let push: (PreparedTicket) throws -> Void
    private var pending: [ImportedTicket] = []
    private var queued = Set<Int>()
    private var groupsToSkip = 0
    private var backoff = 1
    private var disabled = false
    /// Records found stored and unchanged (never queued).
    private(set) var skipped = 0

    static let groupSize = 256
    static let maxTracked = 4_000_000

    init(store: TicketStore, push: @escaping (PreparedTicket) throws -> Void) {
        self.store = store
        self.push = push
    }

    /// Takes one record; prepared records reach `push` in the order they came.
    func add(_ ticket: ImportedTicket) throws {
        if ticket.threadHints != nil {
            // Mail: the writer decides which ticket a message joins; keep the order of the records.
            try flush()
            try push(PreparedTicket(ticket))
            return
        }
        pending.append(ticket)
        if pending.count >= Self.groupSize { try flush() }
    }

    /// Prepares and pushes (or skips) what is pending.
    func flush() throws {
        guard !pending.isEmpty else { return }
        let group = pending
        pending.removeAll(keepingCapacity: true)
        var checks: [StoredRecordCheck]?
        if !disabled {
            if groupsToSkip > 0 {
                groupsToSkip -= 1
            } else {
                checks = try? store.storedRecordCheck(group)
            }
        }
        var hits = 0
        for (index, ticket) in group.enumerated() {
            let key = Self.identity(ticket)
            let prepared: PreparedTicket
            if let check = checks?[index] {
                if check.isStored, !queued.contains(key) {
                    hits += 1
                    continue
                }
                prepared = PreparedTicket(ticket, recordHash: check.recordHash)
            } else {
                prepared = PreparedTicket(ticket)
            }
            track(key)
            try push(prepared)
        }
        skipped += hits
        if checks != nil {
            if hits == 0 {
                groupsToSkip = backoff
                backoff = min(backoff * 2, 64)
            } else {
                backoff = 1
            }
        }
    }

    private func track(_ key: Int) {
        guard !disabled else { return }
        queued.insert(key)
        if queued.count > Self.maxTracked {
            disabled = true
            queued = []
        }
    }

    static func identity(_ ticket: ImportedTicket) -> Int {
        var hasher = Hasher()
        hasher.combine(ticket.source)
        hasher.combine(ticket.externalID)
        return hasher.finalize()
    }
}
