import Foundation
import TriageModel

/// Import problems of the day: the records that did not make it into the store.
public struct DataQuality: Codable, Sendable, Hashable {
    /// Records imported during the day.
    public var importedRecords: Int
    /// Records that failed to import during the day (may exceed ``failures``, which is capped).
    public var importFailures: Int
    /// The first failures, for the reader to follow up.
    public var failures: [ImportFailureEntry]

    public init(importedRecords: Int = 0, importFailures: Int = 0, failures: [ImportFailureEntry] = []) {
        self.importedRecords = importedRecords
        self.importFailures = importFailures
        self.failures = failures
    }
}
