import Foundation

/// Who holds a triage lease: `run-<run id>-<pid>@<host>`, so a later run can say which run holds a ticket and can
/// tell whether that run's process is still alive (only on the same host).
public struct LeaseOwner: Sendable, Hashable {
    public var runID: Int64?
    public var pid: Int32?
    public var host: String?
    /// The owner as stored.
    public var text: String

    /// The owner for triage run `runID` of this process on this host.
    public static func current(runID: Int64) -> LeaseOwner {
        let pid = ProcessInfo.processInfo.processIdentifier
        let host = hostName
        return LeaseOwner(runID: runID, pid: pid, host: host, text: "run-\(runID)-\(pid)@\(host)")
    }

    /// Parses a stored owner; older or foreign owners keep only their text.
    public init(text: String) {
        self.text = text
        guard text.hasPrefix("run-") else { return }
        let body = text.dropFirst(4)
        let (idAndPID, host) = body.firstIndex(of: "@").map { (body[..<$0], String(body[body.index(after: $0)...])) } ?? (body, nil)
        let parts = idAndPID.split(separator: "-")
        if host != nil, parts.count == 2, let runID = Int64(parts[0]), let pid = Int32(parts[1]) {
            self.runID = runID
            self.pid = pid
            self.host = host
        }
    }

    init(runID: Int64?, pid: Int32?, host: String?, text: String) {
        self.runID = runID
        self.pid = pid
        self.host = host
        self.text = text
    }

    /// This machine's name as leases record it.
    public static var hostName: String { ProcessInfo.processInfo.hostName }

    /// Whether the owner's process is known to be gone: it ran on this host and no process has its pid.
    /// `false` when that cannot be known (another host, an owner without a pid).
    public var processIsGone: Bool {
        guard let pid, pid > 0, host == Self.hostName else { return false }
        return Self.processIsGone(pid: pid)
    }

    /// `kill(pid, 0)` fails with ESRCH only when there is no such process.
    public static func processIsGone(pid: Int32) -> Bool {
        kill(pid, 0) != 0 && errno == ESRCH
    }
}

/// Tickets one run holds, for messages: which run, its process, until when.
public struct LeaseHolder: Sendable, Hashable {
    public var owner: LeaseOwner
    public var ticketIDs: [Int64]
    /// The latest expiry among its leases.
    public var expiresAt: Date

    public init(owner: LeaseOwner, ticketIDs: [Int64], expiresAt: Date) {
        self.owner = owner
        self.ticketIDs = ticketIDs
        self.expiresAt = expiresAt
    }
}
