import Foundation

/// Why routing could not start.
public enum RoutingError: Error, Sendable, CustomStringConvertible {
    /// The rules file could not be read.
    case unreadableRules(file: String, reason: String)
    /// No rules file was configured or given.
    case noRulesFile

    public var description: String {
        switch self {
        case let .unreadableRules(file, reason):
            "cannot read the rules file \(file) (\(reason)); check the path (`rules:` in triage.yml is relative to that file) or pass --rules"
        case .noRulesFile:
            "no rules file: set `rules: rules.yml` in triage.yml (relative to it) or pass --rules FILE"
        }
    }
}
