import Foundation

/// Why a whole file could not be imported (single bad records are diagnostics, not errors).
public enum ImportError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The file does not exist or cannot be opened.
    case unreadable(file: String, reason: String)
    /// Detection could not tell what the file is.
    case unknownFormat(file: String, reason: String)
    /// The file is of a known format but structurally broken past recovery.
    case malformed(file: String, line: Int?, reason: String)
    /// The file is refused for safety (entity declarations, size or depth caps).
    case refused(file: String, line: Int?, reason: String)
    /// The format needs a mapping file and none (or a bad one) was given.
    case badMapping(file: String, reason: String)
    /// The file is readable but holds no ticket the chosen importer understands: what was expected, what was found.
    case unexpectedContent(file: String, expected: String, found: String, hint: String?)
    /// A non-empty file from which no ticket was read.
    case noTickets(file: String, reason: String)

    /// Whether the fault is in the input's content (exit 65) rather than in reading it or in the store.
    public var isDataError: Bool {
        switch self {
        case .unreadable: false
        default: true
        }
    }

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            "\(file): cannot read: \(reason)"
        case let .unknownFormat(file, reason):
            "\(file): cannot tell the format (\(reason)); name it with --from (see `triage import --help`)"
        case let .malformed(file, line, reason):
            "\(file)\(line.map { ":\($0)" } ?? ""): not a valid export: \(reason)"
        case let .refused(file, line, reason):
            "\(file)\(line.map { ":\($0)" } ?? ""): refused: \(reason)"
        case let .badMapping(file, reason):
            "\(file): bad field mapping: \(reason)"
        case let .unexpectedContent(file, expected, found, hint):
            "\(file): not imported: expected \(expected); found \(found)\(hint.map { "; \($0)" } ?? "")"
        case let .noTickets(file, reason):
            "\(file): no ticket imported: \(reason)"
        }
    }
}
