import Foundation

/// What one import did: counts per outcome and how it ended.
public struct ImportCounts: Sendable, Hashable, Codable {
    public var new = 0
    public var updated = 0
    public var unchanged = 0
    public var failed = 0

    public init(new: Int = 0, updated: Int = 0, unchanged: Int = 0, failed: Int = 0) {
        self.new = new
        self.updated = updated
        self.unchanged = unchanged
        self.failed = failed
    }

    /// Records read, whatever became of them.
    public var total: Int { new + updated + unchanged + failed }

    /// Counts one outcome.
    public mutating func add(_ outcome: UpsertOutcome) {
        switch outcome {
        case .new: new += 1
        case .updated: updated += 1
        case .unchanged: unchanged += 1
        }
    }
}

/// What the store did with one imported record.
public enum UpsertOutcome: String, Sendable, Hashable, Codable {
    /// A ticket the store had not seen.
    case new
    /// An existing ticket changed (fields, new or edited messages).
    case updated
    /// Nothing to do: the store already had exactly this.
    case unchanged
}

/// How an import run ended.
public enum ImportRunStatus: String, Sendable, Codable {
    case running
    case completed
    case completedWithErrors = "completed_with_errors"
    case failed
    case interrupted
}

/// A stored import run.
public struct ImportRunRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var startedAt: Date
    public var finishedAt: Date?
    public var file: String
    public var format: String
    public var source: String
    public var status: ImportRunStatus
    public var counts: ImportCounts
    public var durationMilliseconds: Int?
    public var error: String?
}
