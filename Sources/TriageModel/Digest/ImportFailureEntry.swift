import Foundation

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
