import Foundation
import Testing
@testable import TriageRules

@Suite struct WebhookTemplateTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("say \"hi\"", #"say \"hi\""#),
        ("back\\slash", #"back\\slash"#),
        ("two\nlines\ttab\r", #"two\nlines\ttab\r"#),
        ("bell\u{07}", #"bell\u0007"#),
        ("ünïcødé ✓", "ünïcødé ✓"),
    ])
    func escapesForJSONStrings(raw: String, escaped: String) {
        #expect(WebhookTemplate.escape(raw) == escaped)
    }

    @Test func rendersPlaceholdersAndStaysValidJSON() throws {
        let template = WebhookTemplate(#"{"text": "{{ subject }} by {{requester.email}}", "missing": "{{custom.none}}"}"#)
        #expect(template.placeholders == ["subject", "requester.email", "custom.none"])
        let values = ["subject": "Broken \"quotes\"\nand lines", "requester.email": "a@b.example"]
        let body = template.render { values[$0] }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String])
        #expect(object["text"] == "Broken \"quotes\"\nand lines by a@b.example")
        #expect(object["missing"] == "")
    }

    @Test func unclosedPlaceholdersStayAsText() {
        let template = WebhookTemplate(#"{"text": "{{subject"}"#)
        #expect(template.placeholders.isEmpty)
        #expect(template.render { _ in "x" } == #"{"text": "{{subject"}"#)
    }

    @Test func theDefaultBodyIsSlackShaped() throws {
        let set = try Samples.rules("rules:\n  - {id: ping, then: [{notify: 'https://hooks.slack.example/T1'}]}\n")
        let outcome = RuleEngine(rules: set).evaluate(Samples.subject())
        let body = try #require(outcome.notifications.first?.body)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String])
        #expect(object == ["text": "[ping] zendesk/4711: Checkout is DOWN for all users (Technical Support, high)"])
    }

    @Test func fieldsAndNamesInTemplatesUseCurrentValues() throws {
        let yaml = """
        rules:
          - id: all-names
            description: Every name
            then:
              - set_priority: urgent
              - add_tags: [paged]
              - notify:
                  url: https://x.example
                  template: '{"a": "{{rule.id}}|{{rule.description}}|{{ticket.id}}|{{ticket.source}}|{{content_hash}}|{{now}}", "b": "{{triage.priority}}|{{tags}}|{{age_hours}}|{{custom.plan}}"}'
        """
        let outcome = RuleEngine(rules: try Samples.rules(yaml)).evaluate(Samples.subject())
        let body = try #require(outcome.notifications.first?.body)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String])
        #expect(object["a"] == "all-names|Every name|4711|zendesk|c0ffee|2026-03-02T10:00:00Z")
        #expect(object["b"] == "urgent|vip, Mobile, paged|3|enterprise")
    }

    @Test func ticketValuesAreChatEscapedUnlessTheTemplateAsksForThemRaw() throws {
        var ticket = Samples.ticket()
        ticket.subject = "<!channel> pay at <https://evil.example|Bank login> & <@U024BE7LH>\u{0}!"
        let defaultBody = try Samples.rules("rules:\n  - {id: ping, then: [{notify: 'https://hooks.slack.example/T1'}]}\n")
        let body = try #require(RuleEngine(rules: defaultBody).evaluate(Samples.subject(ticket: ticket)).notifications.first?.body)
        let text = try #require((try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String])?["text"])
        #expect(text == "[ping] zendesk/4711: &lt;!channel&gt; pay at &lt;https://evil.example|Bank login&gt; &amp; &lt;@U024BE7LH&gt;\u{0}! (Technical Support, high)")
        #expect(!text.contains("<"))

        let yaml = """
        rules:
          - id: raw
            description: "<!here> from the rules file"
            then:
              - notify:
                  url: https://x.example
                  template: '{"escaped": "{{subject}}", "raw": "{{raw:subject}}", "rule": "{{rule.description}}"}'
        """
        let raw = try #require(RuleEngine(rules: try Samples.rules(yaml)).evaluate(Samples.subject(ticket: ticket)).notifications.first?.body)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: String])
        #expect(object["raw"] == ticket.subject)
        #expect(object["escaped"]?.hasPrefix("&lt;!channel&gt;") == true)
        #expect(object["rule"] == "<!here> from the rules file")
        #expect(WebhookTemplate(#"{"a": "{{ raw: subject }}"}"#).placeholders == ["subject"])
    }
}
