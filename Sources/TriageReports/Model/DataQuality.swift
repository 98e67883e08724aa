import Foundation

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

/// One record that failed to import, located in its source file.
public struct ImportFailureEntry: Codable, Sendable, Hashable {
    public var file: String
    /// 1-based line, when the format has lines.
    public var line: Int?
    /// Record index or id within the file, when known.
    public var record: String?
    public var message: String

    public init(file: String, line: Int? = nil, record: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.record = record
        self.message = message
    }

    /// `file:line (record r)`: where to look.
    public var location: String {
        var text = file
        if let line { text += ":\(line)" }
        if let record { text += " (record \(record))" }
        return text
    }
}
