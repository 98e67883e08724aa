import Foundation
import TriageStore

/// What one routing pass did.
public struct RoutingReport: Sendable, Hashable, Codable {
    /// Tickets evaluated.
    public var tickets = 0
    /// Firings, escalations and notifications new in this pass (a dry run counts what it would write).
    public var written = RoutingWriteCounts()
    /// New firings per rule id.
    public var firingsByRule: [String: Int] = [:]
    /// The first firings in this pass (`ticket`, `rule`), at most 50, for the summary.
    public var sample: [Line] = []
    public var dryRun = false

    /// One firing for the summary.
    public struct Line: Sendable, Hashable, Codable {
        public var ticket: String
        public var rule: String
        public var matched: [String]
    }

    public init() {}
}
