import Foundation
import TriageRules
import TriageModel

/// The routing rules file: found, read and parsed in one place, for `route`, `run`, `rules check|test|explain` and
/// the digest's SLA section alike.
public struct RulesFile: Sendable {
    /// The resolved path of the file.
    public var path: String
    /// The configured departments the rules are checked against (unknown department names are reported).
    public var departments: [String]

    /// `explicit` (`--rules`), else `rules:` of the settings, relative to the settings file.
    /// - Throws: ``RoutingError/noRulesFile`` (exit 78) when neither names a file.
    public init(explicit: String?, workspace: Workspace) throws {
        let configuration = try workspace.configuration()
        departments = configuration.departments.map(\.name)
        if let explicit {
            path = explicit
        } else if let rules = configuration.rules, let configurationPath = workspace.configurationPath {
            path = rules.hasPrefix("/") ? rules
                : URL(fileURLWithPath: configurationPath).deletingLastPathComponent().appendingPathComponent(rules).path
        } else {
            throw RoutingError.noRulesFile
        }
    }

    /// Whether a rules file is named at all (`--rules` or `rules:`), without reading it.
    public static func isConfigured(explicit: String?, workspace: Workspace) throws -> Bool {
        try explicit != nil || workspace.configuration().rules != nil
    }

    /// The file's text.
    /// - Throws: ``RoutingError/unreadableRules(file:reason:)`` (exit 78).
    public func text() throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw RoutingError.unreadableRules(file: path, reason: error.localizedDescription)
        }
    }

    /// The parsed rules.
    /// - Throws: ``RulesError`` (exit 78) listing every problem with line and column, or a read error.
    public func ruleSet() throws -> RuleSet {
        try RuleSet.parse(yaml: text(), file: path, departments: departments)
    }

    /// Every problem in the file (errors and warnings), for `triage rules check`; never throws for a bad rule.
    public func problems() throws -> [RuleProblem] {
        RuleSet.check(yaml: try text(), departments: departments)
    }

    /// A router over the parsed rules.
    public func router() throws -> Router {
        Router(rules: try ruleSet())
    }
}
