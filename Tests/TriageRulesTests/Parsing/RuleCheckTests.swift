import Foundation
import Testing
import TriageModel
@testable import TriageRules

/// `check` finds each kind of problem and says where it is.
@Suite struct RuleCheckTests {
    /// (rules file, expected line, expected column, a phrase the message must contain)
    static let errors: [(String, Int, Int, String)] = [
        ("rules:\n  - id: a\n    when: {field: subjet, is: x}\n    then: [{add_tags: [t]}]\n", 3, 19, "unknown field 'subjet'"),
        ("rules:\n  - id: a\n    when: {field: subject, equals: x}\n    then: [{add_tags: [t]}]\n", 3, 28, "unknown operator 'equals'"),
        ("rules:\n  - id: a\n    when: {field: subject, matches: '(unclosed'}\n    then: [{add_tags: [t]}]\n", 3, 37, "invalid regular expression"),
        ("rules:\n  - id: a\n    when: {field: age_hours, greater_than: ten}\n    then: [{add_tags: [t]}]\n", 3, 44, "is not a number"),
        ("rules:\n  - id: a\n    when: {field: age_hours, greater_than: '10'}\n    then: [{add_tags: [t]}]\n", 3, 44, "remove the quotes"),
        ("rules:\n  - id: a\n    when: {field: triage.priority, is: p1}\n    then: [{add_tags: [t]}]\n", 3, 40, "not a priority"),
        ("rules:\n  - id: a\n    when: {field: triage.sentiment, is: angry}\n    then: [{add_tags: [t]}]\n", 3, 41, "not a value of 'triage.sentiment'"),
        ("rules:\n  - id: a\n    when: {field: created_at, less_than: yesterday}\n    then: [{add_tags: [t]}]\n", 3, 42, "ISO 8601"),
        ("rules:\n  - id: a\n    when: {field: triage.needs_human, is: maybe}\n    then: [{add_tags: [t]}]\n", 3, 43, "true or false"),
        ("rules:\n  - id: a\n    when: {field: tags, is: vip}\n    then: [{add_tags: [t]}]\n", 3, 11, "use contains"),
        ("rules:\n  - id: a\n    when: {field: subject, greater_than: 3}\n    then: [{add_tags: [t]}]\n", 3, 11, "does not apply"),
        ("rules:\n  - id: a\n    when: {field: subject, is: ~}\n    then: [{add_tags: [t]}]\n", 3, 32, "exists: false"),
        ("rules:\n  - id: a\n    when: {field: status, in: []}\n    then: [{add_tags: [t]}]\n", 3, 31, "empty list"),
        ("rules:\n  - id: a\n    when: {field: age_hours, between: [10, 2]}\n    then: [{add_tags: [t]}]\n", 3, 39, "reversed"),
        ("rules:\n  - id: a\n    when: {field: age_hours, changed: true}\n    then: [{add_tags: [t]}]\n", 3, 11, "changes with time"),
        ("rules:\n  - id: a\n    when: {field: subject, is: x, contains: y}\n    then: [{add_tags: [t]}]\n", 3, 11, "2 operators"),
        ("rules:\n  - id: a\n    when: {either: []}\n    then: [{add_tags: [t]}]\n", 3, 12, "unknown condition 'either'"),
        ("rules:\n  - id: a\n    when: {field: subject, is: x}\n    then: [{page: oncall}]\n", 4, 13, "unknown action 'page'"),
        ("rules:\n  - id: a\n    then: [{set_priority: asap}]\n", 3, 27, "set_priority"),
        ("rules:\n  - id: a\n    then: [{notify: {url: ftp://x}}]\n", 3, 21, "http(s) URL"),
        ("rules:\n  - id: a\n    then: [{notify: {url: 'https://x', template: '{\"t\": \"{{nope}}\"}'}}]\n", 3, 50, "unknown placeholder {{nope}}"),
        ("rules:\n  - id: a\n    then: [{notify: {url: 'https://x', template: '{\"t\": {{subject}}}'}}]\n", 3, 50, "not valid JSON"),
        ("rules:\n  - id: a\n    then: [{escalate: {reason: x}}]\n", 3, 23, "team"),
        ("rules:\n  - id: a\n    priority: 3\n    then: [{add_tags: [t]}]\n", 3, 5, "unknown key 'priority' in a rule"),
        ("rules:\n  - id: a\n    then: [{add_tags: [t]}]\n  - id: a\n    then: [{add_tags: [u]}]\n", 4, 5, "duplicate rule id 'a'"),
        ("rules:\n  - when: {field: subject, is: x}\n    then: [{add_tags: [t]}]\n", 2, 5, "without an `id`"),
        ("rules:\n  - id: a\n    when: {field: subject, is: [x\n", 4, 1, "not valid YAML"),
        ("rule:\n  - id: a\n", 1, 1, "unknown key 'rule'"),
        ("sla:\n  business_hours: {time_zone: Mars/Olympus}\nrules: []\n", 2, 31, "unknown time zone"),
        ("sla:\n  targets: {urgent: {first_response: soon}}\nrules: []\n", 2, 38, "a duration is like"),
        ("sla:\n  business_hours: {time_zone: UTC, hours: '17:00-09:00'}\nrules: []\n", 2, 43, "a local range like"),
        ("sla:\n  business_hours: {time_zone: UTC, hours: ['08:00-12:00', '11:00-17:00']}\nrules: []\n", 2, 43, "ranges overlap"),
        ("sla:\n  business_hours:\n    time_zone: UTC\n    hours: {mon-fry: '09:00-17:00'}\nrules: []\n", 4, 13,
         "a weekday or a range"),
        ("sla:\n  business_hours:\n    time_zone: UTC\n    weekdays: [mon]\n    hours: {mon: '09:00-17:00'}\nrules: []\n", 5, 12,
         "leave out `weekdays`"),
    ]

    @Test(arguments: errors)
    func reportsErrorsWithLineAndColumn(yaml: String, line: Int, column: Int, phrase: String) throws {
        let problems = RuleSet.check(yaml: yaml)
        let problem = try #require(problems.first { $0.message.contains(phrase) }, "\(problems)")
        #expect(problem.severity == .error)
        #expect(problem.location == RuleLocation(line: line, column: column), "\(problem)")
        #expect(throws: RulesError.self) { try RuleSet.parse(yaml: yaml) }
    }

    @Test func unreachableRulesAfterAnUnconditionalStopAreWarned() throws {
        let yaml = """
        rules:
          - id: conditional-stop
            when: {field: subject, is: x}
            then: [{add_tags: [a]}]
            stop: true
          - id: catch-all
            then: [{add_tags: [b]}]
            stop: true
          - id: never
            when: {field: subject, is: y}
            then: [{add_tags: [c]}]
          - id: never-either
            then: [{add_tags: [d]}]
        """
        let problems = RuleSet.check(yaml: yaml)
        #expect(problems.map(\.severity) == [.warning, .warning])
        #expect(problems.map(\.location?.line) == [9, 12])
        #expect(problems[0].message.contains("'never' can never fire: rule 'catch-all' always fires and stops"))
        // warnings do not stop loading
        #expect(try RuleSet.parse(yaml: yaml).rules.count == 4)
    }

    @Test func disabledOrConditionalStopsDoNotHideLaterRules() {
        let yaml = """
        rules:
          - {id: off, enabled: false, stop: true, then: [{add_tags: [a]}]}
          - {id: maybe, when: {field: subject, is: x}, stop: true, then: [{add_tags: [a]}]}
          - {id: later, then: [{add_tags: [b]}]}
        """
        #expect(RuleSet.check(yaml: yaml).isEmpty)
    }

    @Test func unknownDepartmentsAreWarnedWhenTheTaxonomyIsGiven() {
        let yaml = """
        rules:
          - id: a
            when: {field: triage.department, is: Billing}
            then: [{set_department: Finance}]
        """
        let names = Department.defaults.map(\.name)
        let problems = RuleSet.check(yaml: yaml, departments: names)
        #expect(problems.count == 1)
        #expect(problems.first?.severity == .warning)
        #expect(problems.first?.location == RuleLocation(line: 4, column: 29))
        #expect(RuleSet.check(yaml: yaml).isEmpty)
    }

    @Test func errorDescriptionNamesFileLineAndWhatToDo() {
        do {
            _ = try RuleSet.parse(yaml: "rules:\n  - id: a\n    when: {field: subjet, is: x}\n", file: "routing.yml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("routing.yml:3:19: error: unknown field 'subjet'"))
            #expect(error.description.contains("triage rules check routing.yml"))
        }
    }

    @Test(arguments: ["Templates/rules.example.yml", "SampleTickets/rules.yml"])
    func shippedRuleFilesAreClean(path: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let yaml = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        let problems = RuleSet.check(yaml: yaml, departments: Department.defaults.map(\.name))
        #expect(problems.isEmpty, "\(problems)")
        let set = try RuleSet.parse(yaml: yaml, file: path)
        #expect(set.rules.count >= 5)
        #expect(set.sla != nil)
    }
}

/// Misspelt names get a suggestion; unrelated ones get the list of valid names.
@Suite struct NameSuggestionTests {
    @Test(arguments: [
        ("{field: triage.departmnt, is: x}", "did you mean 'triage.department'?"),
        ("{field: subject, contans: x}", "did you mean 'contains'?"),
        ("{field: subject, equals: x}", "expected one of is, is_not"),
        ("{field: zzz, is: x}", "expected one of source, channel"),
        ("{field: triage.priority, greater_than: hihg}", "'hihg' is not a priority; did you mean 'high'?"),
        ("{field: triage.sentiment, is: negativ}", "did you mean 'negative'?"),
    ])
    func conditionNames(condition: String, phrase: String) throws {
        let problems = RuleSet.check(yaml: "rules:\n  - {id: a, when: \(condition), then: [{add_tags: [t]}]}\n")
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains(phrase) == true, "\(problems)")
    }

    @Test func actionAndKeyNames() {
        let problems = RuleSet.check(yaml: "rules:\n  - {id: a, wehn: {field: subject, is: x}, then: [{set_prority: urgent}]}\n")
        #expect(problems.map(\.message).contains { $0.contains("unknown key 'wehn' in a rule; did you mean 'when'?") })
        #expect(problems.map(\.message).contains { $0.contains("unknown action 'set_prority'; did you mean 'set_priority'?") })
    }

    @Test func parseErrorsAreListedInFileOrder() {
        let yaml = "rules:\n  - {id: a, then: [{add_tags: [t]}]}\n  - {id: a, when: {field: x, is: y}, then: [{add_tags: [t]}]}\n"
        do {
            _ = try RuleSet.parse(yaml: yaml)
            Issue.record("expected an error")
        } catch {
            guard case let .invalidRules(_, problems) = error else { return }
            #expect(problems.map(\.location?.column) == [5, 27])
        }
    }
}
