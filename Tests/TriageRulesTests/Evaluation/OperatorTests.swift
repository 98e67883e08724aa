import Testing
import TriageModel
@testable import TriageRules

/// Every operator, on the sample ticket (see `Samples`): condition → expected result.
@Suite struct OperatorTests {
    static let cases: [(String, Bool)] = [
        // is / is_not: text ignores case by default
        ("{field: channel, is: email}", true),
        ("{field: channel, is: EMAIL}", true),
        ("{field: channel, is: EMAIL, case_sensitive: true}", false),
        ("{field: channel, is: web}", false),
        ("{field: channel, is_not: web}", true),
        ("{field: channel, is_not: email}", false),
        ("{field: triage.priority, is: high}", true),
        ("{field: triage.needs_human, is: false}", true),
        ("{field: message_count, is: 3}", true),
        // in / not_in
        ("{field: status, in: [open, pending]}", true),
        ("{field: status, in: [solved, closed]}", false),
        ("{field: status, not_in: [solved, closed]}", true),
        ("{field: triage.priority, in: [urgent, high]}", true),
        ("{field: message_count, in: [1, 2]}", false),
        // contains on text and on lists
        ("{field: text, contains: 'ERROR 503'}", true),
        ("{field: text, contains: 'ERROR 503', case_sensitive: true}", false),
        ("{field: text, contains: timeout}", false),
        ("{field: tags, contains: vip}", true),
        ("{field: tags, contains: mobile}", true),
        ("{field: tags, contains: mobile, case_sensitive: true}", false),
        ("{field: tags, contains: vi}", false),
        // contains_any / contains_all
        ("{field: text, contains_any: [timeout, refund]}", true),
        ("{field: text, contains_any: [timeout, crash]}", false),
        ("{field: text, contains_all: [refund, payment]}", true),
        ("{field: text, contains_all: [refund, timeout]}", false),
        ("{field: tags, contains_any: [vip, free]}", true),
        ("{field: tags, contains_all: [vip, free]}", false),
        // matches
        ("{field: subject, matches: '\\bdown\\b'}", true),
        ("{field: subject, matches: '\\bdown\\b', case_sensitive: true}", false),
        ("{field: subject, matches: '^Checkout'}", true),
        ("{field: subject, matches: '^is'}", false),
        ("{field: tags, matches: '^mob'}", true),
        // starts_with
        ("{field: subject, starts_with: checkout}", true),
        ("{field: subject, starts_with: down}", false),
        ("{field: requester.email, starts_with: ops@}", true),
        ("{field: tags, starts_with: vi}", true),
        // less_than / greater_than / between on numbers
        ("{field: age_hours, greater_than: 2.5}", true),
        ("{field: age_hours, greater_than: 3}", false),
        ("{field: age_hours, less_than: 3.5}", true),
        ("{field: triage.confidence, less_than: 0.5}", false),
        ("{field: age_hours, between: [3, 3]}", true),
        ("{field: age_hours, between: [4, 10]}", false),
        // dates
        ("{field: created_at, less_than: '2026-03-02T08:00:00Z'}", true),
        ("{field: created_at, greater_than: '2026-03-02T08:00:00+02:00'}", true),
        ("{field: created_at, between: ['2026-03-01T00:00:00Z', '2026-03-02T06:59:59Z']}", false),
        // priorities compare by urgency: low < normal < high < urgent
        ("{field: triage.priority, greater_than: normal}", true),
        ("{field: triage.priority, greater_than: high}", false),
        ("{field: triage.priority, less_than: urgent}", true),
        ("{field: triage.priority, between: [normal, high]}", true),
        ("{field: label.priority, is: urgent}", true),
        // exists
        ("{field: organization, exists: true}", true),
        ("{field: organization, exists: false}", false),
        ("{field: custom.missing, exists: false}", true),
        ("{field: custom.plan, exists: true}", true),
        // custom fields compare by the operand's type
        ("{field: custom.refund_amount, greater_than: 500}", true),
        ("{field: custom.refund_amount, less_than: 500}", false),
        ("{field: custom.refund_amount, between: [700, 800]}", true),
        ("{field: custom.refund_amount, is: 750}", true),
        ("{field: custom.plan, is: Enterprise}", true),
    ]

    @Test(arguments: cases)
    func operatorOnSample(condition: String, expected: Bool) throws {
        #expect(try Samples.holds(condition) == expected, "\(condition)")
    }

    /// A missing field fails every test except the negative ones.
    static let missing: [(String, Bool)] = [
        ("{field: custom.missing, is: x}", false),
        ("{field: custom.missing, is_not: x}", true),
        ("{field: custom.missing, in: [x, y]}", false),
        ("{field: custom.missing, not_in: [x, y]}", true),
        ("{field: custom.missing, contains: x}", false),
        ("{field: custom.missing, contains_any: [x]}", false),
        ("{field: custom.missing, contains_all: [x]}", false),
        ("{field: custom.missing, matches: '.*'}", false),
        ("{field: custom.missing, starts_with: ''}", false),
        ("{field: custom.missing, less_than: 1}", false),
        ("{field: custom.missing, greater_than: 1}", false),
        ("{field: custom.missing, between: [1, 2]}", false),
        ("{field: custom.missing, exists: true}", false),
        ("{field: triage.priority, is: high}", false),
        ("{field: triage.priority, is_not: high}", true),
        ("{field: triage.confidence, less_than: 1}", false),
        ("{field: sla.first_response.breached, is: false}", false),
    ]

    @Test(arguments: missing)
    func missingValues(condition: String, expected: Bool) throws {
        let untriaged = Samples.subject(triage: nil)
        #expect(try Samples.holds(condition, subject: untriaged) == expected, "\(condition)")
    }

    /// Empty text and empty lists count as missing for `exists`.
    @Test func emptyValuesDoNotExist() throws {
        let subject = Samples.subject(ticket: Samples.ticket(tags: [], custom: ["plan": ""]))
        #expect(try !Samples.holds("{field: tags, exists: true}", subject: subject))
        #expect(try Samples.holds("{field: custom.plan, exists: false}", subject: subject))
    }

    /// A custom value that cannot be read as the operand's type fails every operator, negative ones included.
    static let mismatches: [String] = [
        "{field: custom.note, greater_than: 5}",
        "{field: custom.note, less_than: 5}",
        "{field: custom.note, between: [1, 9]}",
        "{field: custom.note, is: 5}",
        "{field: custom.note, is_not: 5}",
        "{field: custom.note, in: [1, 2]}",
        "{field: custom.note, not_in: [1, 2]}",
        "{field: custom.note, greater_than: '2026-01-01T00:00:00Z'}",
        "{field: custom.note, is: true}",
    ]

    @Test(arguments: mismatches)
    func typeMismatches(condition: String) throws {
        #expect(try !Samples.holds(condition))
    }

    @Test func changedComparesWithThePreviousVersion() throws {
        var before = Samples.ticket()
        before.status = "pending"
        let previous = RuleSubject.Version(ticket: before, triage: Samples.triage(priority: .normal))
        let subject = Samples.subject(previous: previous)
        #expect(try Samples.holds("{field: status, changed: true}", subject: subject))
        #expect(try Samples.holds("{field: triage.priority, changed: true}", subject: subject))
        #expect(try !Samples.holds("{field: subject, changed: true}", subject: subject))
        #expect(try Samples.holds("{field: subject, changed: false}", subject: subject))
        // a new ticket has nothing to compare with
        #expect(try !Samples.holds("{field: status, changed: true}"))
        #expect(try Samples.holds("{field: status, changed: false}"))
    }

    @Test func changedOnTextComparesTheDigestWhenOnlyADigestWasKept() throws {
        let current = Samples.ticket()
        var kept = current
        kept.text = ""  // stores keep a digest, not the text
        let same = RuleSubject.Version(ticket: kept, triage: Samples.triage(),
                                       textDigest: RuleSubject.Version.digest(ofText: current.text))
        #expect(try !Samples.holds("{field: text, changed: true}", subject: Samples.subject(previous: same)))
        #expect(try Samples.holds("{field: text, changed: false}", subject: Samples.subject(previous: same)))
        let other = RuleSubject.Version(ticket: kept, triage: Samples.triage(),
                                        textDigest: RuleSubject.Version.digest(ofText: current.text + "!"))
        #expect(try Samples.holds("{field: text, changed: true}", subject: Samples.subject(previous: other)))
        // without a digest the kept text itself is compared
        #expect(try Samples.holds("{field: text, changed: true}",
                                  subject: Samples.subject(previous: RuleSubject.Version(ticket: kept, triage: nil))))
    }

    @Test func nestedAllAnyNot() throws {
        let condition = "{all: [{any: [{field: channel, is: web}, {not: {field: status, is: solved}}]}, "
            + "{not: {any: [{field: tags, contains: spam}, {field: triage.confidence, less_than: 0.2}]}}]}"
        #expect(try Samples.holds(condition))
        #expect(try !Samples.holds("{not: \(condition)}"))
        #expect(try Samples.holds("{all: []}"))
        #expect(try !Samples.holds("{any: []}"))
    }
}
