import Foundation
import Testing
import TriageModel
@testable import TriageRules
import TriageTestSupport

/// Ordering, `stop`, later rules seeing earlier changes, and what an outcome carries.
@Suite struct RuleEngineTests {
    static let yaml = """
    rules:
      - id: outage
        when: {field: text, contains: '503'}
        then:
          - set_priority: urgent
          - add_tags: [outage]
          - remove_tags: [mobile]
          - escalate: {team: on-call, reason: Possible outage}
      - id: urgent-sees-outage
        when:
          - {field: triage.priority, is: urgent}
          - {field: tags, contains: outage}
        then:
          - notify: {url: 'https://hooks.example/oncall'}
          - set_department: Incidents
      - id: department-seen
        when: {field: triage.department, is: Incidents}
        then: [{needs_human: {reason: Incident review}}]
        stop: true
      - id: after-stop
        then: [{add_tags: [never]}]
    """

    @Test func laterRulesSeeEarlierChangesAndStopEndsEvaluation() throws {
        let engine = RuleEngine(rules: try Samples.rules(Self.yaml))
        let outcome = engine.evaluate(Samples.subject())
        #expect(outcome.firings.map(\.ruleID) == ["outage", "urgent-sees-outage", "department-seen"])
        #expect(outcome.stoppedBy == "department-seen")
        #expect(outcome.changes == RoutingChanges(department: "Incidents", priority: .urgent, addedTags: ["outage"],
                                                  removedTags: ["Mobile"], needsHumanReason: "Incident review"))
        #expect(outcome.escalations == [Escalation(team: "on-call", reason: "Possible outage", ruleID: "outage")])
        #expect(outcome.firings[1].matchedConditions == ["triage.priority is urgent (was urgent)",
                                                          "tags contains \"outage\" (was [\"vip\", \"outage\"])"])
    }

    @Test func tagActionsIgnoreCase() throws {
        let set = try Samples.rules("rules:\n  - {id: t, then: [{add_tags: [VIP, new]}, {remove_tags: [MOBILE]}]}\n")
        let outcome = RuleEngine(rules: set).evaluate(Samples.subject())
        #expect(outcome.changes.addedTags == ["new"])
        #expect(outcome.changes.removedTags == ["Mobile"])
    }

    @Test func notificationsRenderTheCurrentValuesWithAStableKey() throws {
        let engine = RuleEngine(rules: try Samples.rules(Self.yaml))
        let first = engine.evaluate(Samples.subject())
        let notification = try #require(first.notifications.first)
        #expect(notification.url == "https://hooks.example/oncall")
        #expect(notification.body == #"{"text": "[urgent-sees-outage] zendesk/4711: Checkout is DOWN for all users (Technical Support, urgent)"}"#)
        // same content version → same key, whatever the time; new content → new key
        let later = engine.evaluate(Samples.subject(now: Samples.date("2026-03-05T10:00:00Z")))
        #expect(later.notifications.first?.idempotencyKey == notification.idempotencyKey)
        var changed = Samples.subject()
        changed.contentHash = "beef"
        #expect(engine.evaluate(changed).notifications.first?.idempotencyKey != notification.idempotencyKey)
        #expect(first.firings.map(\.key) == later.firings.map(\.key))
        #expect(Set(first.firings.map(\.key)).count == 3)
    }

    @Test func alreadyFiredRulesDoNotRepeatButKeepTheirEffectsAndStop() throws {
        let engine = RuleEngine(rules: try Samples.rules(Self.yaml))
        let first = engine.evaluate(Samples.subject())
        let again = engine.evaluate(Samples.subject(), alreadyFired: Set(first.firings.map(\.ruleID)))
        // nothing fires, escalates or notifies twice ...
        #expect(again.firings.isEmpty)
        #expect(again.escalations.isEmpty)
        #expect(again.notifications.isEmpty)
        // ... but the state later rules see, the net changes and the stop are those of the first run
        #expect(again.changes == first.changes)
        #expect(again.stoppedBy == "department-seen")
        // only "outage" recorded: the next rules still see its priority change and fire for the first time
        let partly = engine.evaluate(Samples.subject(), alreadyFired: ["outage"])
        #expect(partly.firings.map(\.ruleID) == ["urgent-sees-outage", "department-seen"])
        #expect(partly.escalations.isEmpty)
        #expect(partly.notifications.count == 1)
        let explanation = engine.explain(Samples.subject(), alreadyFired: ["outage"])
        #expect(explanation.verdicts.map(\.status) == [.alreadyFired, .fired, .fired, .notEvaluated])
    }

    @Test func disabledRulesNeverFire() throws {
        let set = try Samples.rules("rules:\n  - {id: off, enabled: false, then: [{add_tags: [x]}]}\n  - {id: on, then: [{add_tags: [y]}]}\n")
        let explanation = RuleEngine(rules: set).explain(Samples.subject())
        #expect(explanation.verdicts.map(\.status) == [.disabled, .fired])
        #expect(explanation.outcome.changes.addedTags == ["y"])
    }

    @Test func untriagedTicketsOnlyMatchTicketFields() throws {
        let engine = RuleEngine(rules: try Samples.rules(Self.yaml))
        let outcome = engine.evaluate(Samples.subject(triage: nil))
        // "outage" sets a priority, so the second rule sees urgent even without a triage result
        #expect(outcome.firings.map(\.ruleID) == ["outage", "urgent-sees-outage", "department-seen"])
        #expect(outcome.changes.priority == .urgent)
    }

    @Test func explainAndEvaluateAgree() throws {
        let engine = RuleEngine(rules: try Samples.rules(Self.yaml))
        for subject in [Samples.subject(), Samples.subject(triage: nil), Samples.subject(ticket: Samples.ticket(tags: []))] {
            #expect(engine.explain(subject).outcome == engine.evaluate(subject))
        }
    }

    /// The benchmark's workload fires (firings and notifications), and evaluation is pure: evaluating the same
    /// tickets from several tasks at once gives the outcomes of one serial pass.
    @Test func syntheticWorkloadFiresAndEvaluatesTheSameConcurrently() async throws {
        let engine = RuleEngine(rules: try RuleSet.parse(yaml: SyntheticRules.rulesYAML(count: 100)))
        let subjects = (0..<200).map(SyntheticRules.subject)
        let serial = subjects.map { engine.evaluate($0) }
        #expect(serial.reduce(0) { $0 + $1.firings.count } > 200)
        #expect(serial.contains { !$0.notifications.isEmpty })
        let concurrent = await withTaskGroup(of: [(Int, RoutingOutcome)].self) { group in
            for worker in 0..<4 {
                group.addTask {
                    stride(from: worker, to: subjects.count, by: 4).map { ($0, engine.evaluate(subjects[$0])) }
                }
            }
            return await group.reduce(into: [Int: RoutingOutcome]()) { all, part in for (i, o) in part { all[i] = o } }
        }
        #expect(concurrent.count == subjects.count)
        for (index, outcome) in concurrent { #expect(outcome == serial[index]) }
    }
}

@Suite struct RuleTallyTests {
    @Test func countsFiringsPerRuleInFileOrder() throws {
        let yaml = """
        rules:
          - {id: urgent, when: {field: triage.priority, is: urgent}, then: [{add_tags: [u]}]}
          - {id: never, when: {field: channel, is: fax}, then: [{add_tags: [f]}]}
          - {id: all, then: [{add_tags: [a]}]}
        """
        let engine = RuleEngine(rules: try Samples.rules(yaml))
        let subjects = [Priority.urgent, .high, .urgent, .low].map { Samples.subject(triage: Samples.triage(priority: $0)) }
        let counts = engine.fireCounts(over: subjects)
        #expect(counts.map(\.ruleID) == ["urgent", "never", "all"])
        #expect(counts.map(\.fired) == [2, 0, 4])
    }
}

/// Outcomes and explanations are stored and printed as JSON: they survive a round trip.
@Suite struct RoutingCodingTests {
    @Test func outcomesAndExplanationsRoundTripThroughJSON() throws {
        let engine = RuleEngine(rules: try Samples.rules(RuleEngineTests.yaml))
        let explanation = engine.explain(Samples.subject())
        let data = try JSONEncoder().encode(explanation)
        let decoded = try JSONDecoder().decode(RuleExplanation.self, from: data)
        #expect(decoded == explanation)
        #expect(decoded.text == explanation.text)
    }

    @Test(arguments: [
        (RuleAction.escalate(team: "on-call", reason: "Outage"), #"{"escalate":{"reason":"Outage","team":"on-call"}}"#),
        (.setDepartment("Billing"), #"{"set_department":"Billing"}"#),
        (.setPriority(.urgent), #"{"set_priority":"urgent"}"#),
        (.addTags(["a", "b"]), #"{"add_tags":["a","b"]}"#),
        (.removeTags(["a"]), #"{"remove_tags":["a"]}"#),
        (.needsHuman(reason: "Unsure"), #"{"needs_human":{"reason":"Unsure"}}"#),
        (.notify(WebhookTarget(url: "https://x.example", template: #"{"t":"{{subject}}"}"#)),
         #"{"notify":{"template":"{\"t\":\"{{subject}}\"}","url":"https:\/\/x.example"}}"#),
    ])
    func actionsEncodeLikeTheRulesFile(action: RuleAction, json: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(action), as: UTF8.self) == json)
        #expect(try JSONDecoder().decode(RuleAction.self, from: Data(json.utf8)) == action)
    }
}
