import Foundation
import Testing
import TriageModel
@testable import TriageRules
import TriageTestSupport

/// The bulk path tests cheap children of `all` / `any` first; the outcome must be the traced path's.
@Suite struct ConditionCostTests {
    @Test func cheapTestsComeFirstAndEqualCostsKeepTheFileOrder() throws {
        let set = try Samples.rules("""
            rules:
              - id: r
                when:
                  all:
                    - {field: subject, matches: 'down'}
                    - {field: text, contains: payment}
                    - any: [{field: sla.first_response.breached, is: true}, {field: status, is: open}]
                    - {field: triage.priority, is: high}
                    - {field: channel, is: email}
                then: [{add_tags: [x]}]
            """)
        let condition = try #require(set.rules.first?.condition)
        guard case let .all(children) = condition.cheapestFirst else { Issue.record("not an all"); return }
        let names = children.map { child -> String in
            switch child {
            case let .test(p): p.field.name
            case let .any(inner): "any(" + inner.map { if case let .test(p) = $0 { p.field.name } else { "?" } }.joined(separator: ",") + ")"
            default: "?"
            }
        }
        #expect(names == ["triage.priority", "channel", "text", "any(status,sla.first_response.breached)", "subject"])
    }

    /// The benchmark's 100 rules (every operator family, SLA, regexes, nested groups) over 3,000 varied tickets:
    /// `evaluate` (cheap-first) and `explain` (as written) agree on every outcome.
    @Test func reorderedEvaluationMatchesTheTracedOneOnTheBenchmarkRules() throws {
        let engine = RuleEngine(rules: try RuleSet.parse(yaml: SyntheticRules.rulesYAML(count: 100)))
        var firings = 0
        for i in 0..<3000 {
            let subject = SyntheticRules.subject(i)
            let outcome = engine.evaluate(subject)
            #expect(engine.explain(subject).outcome == outcome)
            firings += outcome.firings.count
        }
        #expect(firings > 1000)
    }
}
