/// Something wrong (or suspicious) in a rules file, with where it is.
public struct RuleProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The file cannot be used as written.
        case error
        /// The file loads, but part of it cannot do what it says (an unreachable rule, an unknown department).
        case warning
    }

    public var severity: Severity
    /// `nil` only when the file is empty.
    public var location: RuleLocation?
    public var message: String

    public init(_ severity: Severity, at location: RuleLocation?, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// `12:7: error: unknown operator 'equals'; ...`
    public var description: String {
        "\(location.map { "\($0): " } ?? "")\(severity.rawValue): \(message)"
    }
}
