import Foundation
import Testing
import TriageModel
@testable import TriageRules

/// The `explain` text is part of the CLI's output: compared with a golden copy, byte for byte.
@Suite struct ExplainGoldenTests {
    static let yaml = """
    sla:
      targets:
        urgent: {first_response: 1h}
        high: {first_response: 4h}
    rules:
      - id: security
        description: Security reports only go to security
        when:
          any:
            - {field: triage.department, is: "Security & Abuse"}
            - {field: text, matches: '\\b(phishing|hacked)\\b'}
        then: [{escalate: {team: security, reason: Possible incident}}]
        stop: true
      - id: outage
        when:
          all:
            - {field: triage.department, is: Technical Support}
            - any:
                - {field: subject, contains: outage}
                - {field: text, contains_any: ['503', 'is down']}
            - not: {field: tags, contains: load-test}
        then:
          - set_priority: urgent
          - add_tags: [outage]
          - escalate: {team: on-call, reason: Possible outage}
          - notify: {url: 'https://hooks.example/on-call'}
      - id: refund
        when:
          - {field: triage.department, is: Billing}
          - {field: custom.refund_amount, greater_than: 500}
        then: [{escalate: {team: finance, reason: Large refund}}]
      - id: sla-risk
        when: {field: sla.first_response.breached, is: true}
        then: [{add_tags: [sla-breached]}]
        stop: true
      - id: paused
        enabled: false
        then: [{add_tags: [x]}]
      - id: tail
        then: [{add_tags: [y]}]
    """

    static let golden = #"""
    Ticket zendesk:4711 (content c0ffee) at 2026-03-02T10:00:00Z
    1. security: not matched
         decided by: triage.department is "Security & Abuse" (was "Technical Support")
         decided by: text matches /\b(phishing|hacked)\b/i (was "Since 9am every payment fails with error 503. We lose mo…")
           no  any
             no  triage.department is "Security & Abuse" (was "Technical Support")
             no  text matches /\b(phishing|hacked)\b/i (was "Since 9am every payment fails with error 503. We lose mo…")
    2. outage: FIRED
         because: triage.department is "Technical Support" (was "Technical Support")
         because: text contains_any ["503", "is down"] (was "Since 9am every payment fails with error 503. We lose mo…")
         because: not tags contains "load-test" (was ["vip", "Mobile"])
           yes all
             yes triage.department is "Technical Support" (was "Technical Support")
             yes any
               no  subject contains "outage" (was "Checkout is DOWN for all users")
               yes text contains_any ["503", "is down"] (was "Since 9am every payment fails with error 503. We lose mo…")
             yes not
               no  tags contains "load-test" (was ["vip", "Mobile"])
         did: set_priority urgent
         did: add_tags outage
         did: escalate on-call ("Possible outage")
         did: notify https://hooks.example/on-call
    3. refund: not matched
         decided by: triage.department is "Billing" (was "Technical Support")
           no  all
             no  triage.department is "Billing" (was "Technical Support")
    4. sla-risk: FIRED, stop
         because: sla.first_response.breached is true (was true)
         did: add_tags sla-breached
    5. paused: not evaluated
    6. tail: not evaluated
    Stopped by sla-risk.
    Fired: outage, sla-risk
    Priority → urgent
    Tags added: outage, sla-breached
    Escalate to on-call: Possible outage [outage]
    Notify https://hooks.example/on-call [outage, key tt-0000000000000000]

    """#

    @Test func explainMatchesTheGoldenText() throws {
        let engine = RuleEngine(rules: try Samples.rules(Self.yaml))
        let explanation = engine.explain(Samples.subject())
        let key = try #require(explanation.outcome.notifications.first?.idempotencyKey)
        let expected = Self.golden.replacingOccurrences(of: "tt-0000000000000000", with: key)
        if explanation.text != expected {
            Issue.record("explain output changed; if intended, update the golden text:\n\(explanation.text)")
        }
        // deterministic: the same subject explains the same way
        #expect(engine.explain(Samples.subject()).text == explanation.text)
    }
}
