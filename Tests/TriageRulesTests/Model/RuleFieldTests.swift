import Testing
import TriageModel
@testable import TriageRules

@Suite struct RuleFieldTests {
    @Test(arguments: RuleField.fixedNames.map(\.0))
    func namesRoundTrip(name: String) throws {
        let field = try #require(RuleField(name: name))
        #expect(field.name == name)
        #expect(RuleField(name: "ticket." + name) == field)
    }

    @Test(arguments: ["sla.first_response.due_at", "sla.next_response.at_risk", "custom.plan"])
    func structuredNames(name: String) throws {
        #expect(try #require(RuleField(name: name)).name == name)
    }

    @Test(arguments: ["subjct", "sla.first_response", "sla.third_response.breached", "custom.", "triage.mood"])
    func unknownNames(name: String) {
        #expect(RuleField(name: name) == nil)
    }
}
