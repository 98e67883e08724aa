import Foundation
import Testing
import TriageModel
@testable import TriageRules

@Suite("write_back actions")
struct WriteBackRuleTests {
    static let yaml = """
        rules:
          - id: outage
            description: Checkout outages go to the on-call group
            when: {field: text, contains: "503"}
            then:
              - set_department: Operations
              - set_priority: urgent
              - write_back:
                  add_tags: [triage-outage]
                  remove_tags: [unsorted]
                  fields: {"360001234": "{{triage.department}}", cf_triage_language: "{{triage.language}}"}
                  group: "360000111"
                  assignee: "360000222"
                  priority: routed
                  note: true
        """

    @Test("a write_back is parsed with every part, and encodes and decodes as in the file")
    func parsesEveryPart() throws {
        let rules = try Samples.rules(Self.yaml)
        guard case let .writeBack(action)? = rules.rules[0].actions.last else {
            Issue.record("no write_back in \(rules.rules[0].actions)")
            return
        }
        #expect(action.addTags == ["triage-outage"])
        #expect(action.removeTags == ["unsorted"])
        #expect(action.fields.map(\.id) == ["360001234", "cf_triage_language"])
        #expect(action.group == "360000111")
        #expect(action.assignee == "360000222")
        #expect(action.priority == .routed)
        #expect(action.note == WriteBackAction.defaultNote)
        let data = try JSONEncoder().encode(RuleAction.writeBack(action))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""write_back":{"#) && text.contains(#""priority":"routed""#))
        #expect(try JSONDecoder().decode(RuleAction.self, from: data) == .writeBack(action))
    }

    @Test("a firing renders the write with the values after earlier actions: department, routed priority, note")
    func firingRendersTheWrite() throws {
        let outcome = RuleEngine(rules: try Samples.rules(Self.yaml)).evaluate(Samples.subject())
        let write = try #require(outcome.writeBacks.first)
        #expect(outcome.writeBacks.count == 1)
        #expect(write.ruleID == "outage" && write.source == "zendesk" && write.externalID == "4711")
        #expect(write.customFields == ["360001234": "Operations", "cf_triage_language": "en"])
        #expect(write.priority == "urgent")                     // set_priority ran before the write_back
        #expect(write.groupID == "360000111" && write.assigneeID == "360000222")
        let note = try #require(write.internalNote)
        #expect(note.contains("Triage: Operations, priority urgent, sentiment negative, language en"))
        #expect(note.contains("Summary: Checkout fails with 503."))
        #expect(note.contains(#"Reason: rule outage fired because text contains "503""#))
        #expect(write.idempotencyKey.hasPrefix("tt-"))
        #expect(write.idempotencyKey != outcome.firings[0].key)
        // The same rule, ticket and content version give the same key; a rule that fired before writes nothing.
        let again = RuleEngine(rules: try Samples.rules(Self.yaml)).evaluate(Samples.subject())
        #expect(again.writeBacks.first?.idempotencyKey == write.idempotencyKey)
        #expect(RuleEngine(rules: try Samples.rules(Self.yaml)).evaluate(Samples.subject(), alreadyFired: ["outage"]).writeBacks.isEmpty)
    }

    @Test("a fixed priority and a custom note with placeholders")
    func fixedPriorityAndCustomNote() throws {
        let rules = try Samples.rules("""
            rules:
              - id: vip
                when: {field: tags, contains: vip}
                then:
                  - write_back: {priority: high, note: "VIP from {{organization}}: {{triage.summary}}"}
            """)
        let write = try #require(RuleEngine(rules: rules).evaluate(Samples.subject()).writeBacks.first)
        #expect(write.priority == "high")
        #expect(write.internalNote == "VIP from BigCorp: Checkout fails with 503.")
        #expect(write.addTags.isEmpty && write.customFields.isEmpty)
    }

    @Test("explain shows the action and what is written")
    func explainShowsTheWrite() throws {
        let text = RuleEngine(rules: try Samples.rules(Self.yaml)).explain(Samples.subject()).text
        #expect(text.contains(#"did: write_back +triage-outage, -unsorted, field 360001234 = "{{triage.department}}""#))
        #expect(text.contains("Write back to zendesk:4711: tags +triage-outage -unsorted, priority urgent, group 360000111, "
                              + "assignee 360000222, field 360001234 = \"Operations\", field cf_triage_language = \"en\", internal note (3 lines) [outage, key tt-"))
    }

    @Test("mistakes are errors that name the rule and the key", arguments: [
        ("priority: hihg", "`write_back.priority` of rule 'r1' takes routed", "did you mean 'high'?"),
        ("add_tag: [x]", "unknown key 'add_tag' in `write_back` of rule 'r1'", "did you mean 'add_tags'?"),
        ("note: \"{{triage.summry}}\"", "`write_back.note` of rule 'r1': unknown placeholder {{triage.summry}}", "did you mean 'triage.summary'?"),
        ("group: \"{{triage.department}}\"", "`write_back.group` of rule 'r1' takes the help desk's group id", ""),
        ("fields: [a, b]", "`write_back.fields` of rule 'r1' takes a mapping of custom field id to value", ""),
        ("add_tags: [\"two words\"]", "`write_back.add_tags` of rule 'r1' takes a tag or a list of tags", ""),
        ("note: false", "`write_back` of rule 'r1' writes nothing", ""),
    ])
    func mistakesAreNamed(line: String, message: String, hint: String) throws {
        let yaml = "rules:\n  - id: r1\n    when: {field: subject, exists: true}\n    then:\n      - write_back:\n          \(line)\n"
        let problems = RuleSet.check(yaml: yaml)
        let problem = try #require(problems.first { $0.message.contains(message) }, "\(problems)")
        #expect(problem.severity == .error)
        #expect(hint.isEmpty || problem.message.contains(hint))
        #expect(problem.location?.line == 6 || problem.location?.line == 5)
    }

    @Test("write_back is a known action name (suggested for typos)")
    func actionNameIsKnown() {
        let problems = RuleSet.check(yaml: "rules:\n  - id: r\n    then:\n      - write_bak: {priority: high}\n")
        #expect(problems.contains { $0.message.contains("did you mean 'write_back'?") })
    }
}
