/// A parsed rules file: ordered rules and the SLA policy their `sla.*` fields read.
///
/// Read one with ``RuleSet/parse(yaml:file:)``; check a file without failing with ``RuleSet/check(yaml:)``.
public struct RuleSet: Sendable {
    public var rules: [Rule]
    /// `nil` when the file has no `sla:` section; `sla.*` fields are then missing.
    public var sla: SLAPolicy?

    public init(rules: [Rule], sla: SLAPolicy? = nil) {
        self.rules = rules
        self.sla = sla
    }
}
