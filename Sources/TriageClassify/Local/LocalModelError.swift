import Foundation

/// What can go wrong training, saving, loading or configuring the local model and its text tools.
public enum LocalModelError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Training needs labelled examples of at least two departments.
    case notEnoughLabels(examples: Int, departments: Int)
    /// An option is out of range.
    case invalidOption(name: String, value: String, expected: String)
    /// The model file could not be read or written.
    case io(path: String, reason: String)
    /// The file does not start with the model's magic bytes.
    case notAModelFile(path: String)
    /// The file was written by a different format version.
    case unsupportedFormatVersion(path: String, found: UInt32, supported: UInt32)
    /// The file is truncated or damaged.
    case corrupt(path: String, reason: String)
    /// A configured redaction pattern does not compile.
    case invalidRedactionPattern(name: String, pattern: String, reason: String)

    public var description: String {
        switch self {
        case let .notEnoughLabels(examples, departments):
            "cannot train the local model: \(examples) labelled ticket(s) in \(departments) department(s); "
                + "label tickets of at least two departments (import an export with a department field) and run `triage train` again"
        case let .invalidOption(name, value, expected):
            "local model option \(name) = \(value) is invalid: expected \(expected)"
        case let .io(path, reason):
            "local model file \(path): \(reason); check the path and permissions"
        case let .notAModelFile(path):
            "\(path) is not a TicketTriage local model file (bad magic bytes); run `triage train` to create one"
        case let .unsupportedFormatVersion(path, found, supported):
            "local model file \(path) has format version \(found), this build reads version \(supported); "
                + "retrain with `triage train`"
        case let .corrupt(path, reason):
            "local model file \(path) is corrupt (\(reason)); delete it and run `triage train` again"
        case let .invalidRedactionPattern(name, pattern, reason):
            "redaction pattern \(name) (\(pattern)) does not compile: \(reason); fix it in triage.yml"
        }
    }
}
