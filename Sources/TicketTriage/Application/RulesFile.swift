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
        guard let file = Self.ifConfigured(explicit: explicit, configuration: try workspace.configuration(),
                                           configurationPath: workspace.configurationPath) else {
            throw RoutingError.noRulesFile
        }
        self = file
    }

    /// The rules file when one is named (`explicit`, else `rules:` of the settings already read from
    /// `configurationPath`); `nil` when none is, for the commands that route only when rules are configured.
    public static func ifConfigured(explicit: String?, configuration: TriageConfiguration,
                                    configurationPath: String?) -> RulesFile? {
        let departments = configuration.departments.map(\.name)
        if let explicit { return RulesFile(path: explicit, departments: departments) }
        guard let rules = configuration.rules, let configurationPath else { return nil }
        let path = rules.hasPrefix("/") ? rules
            : URL(fileURLWithPath: configurationPath).deletingLastPathComponent().appendingPathComponent(rules).path
        return RulesFile(path: path, departments: departments)
    }

    private init(path: String, departments: [String]) {
        self.path = path
        self.departments = departments
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
