import Testing
import TriageImport

@Suite struct TeamAddressMatcherTests {
    @Test func addressesAndDomains() {
        let matcher = TeamAddressMatcher(["Support@Acme.example", "@help.example", "corp.example"])
        #expect(matcher.matches("support@acme.example"))
        #expect(!matcher.matches("sales@acme.example"))
        #expect(matcher.matches("anyone@help.example"))
        #expect(matcher.matches("x@eu.corp.example"))
        #expect(!matcher.matches("x@notcorp.example"))
        #expect(!matcher.matches(nil))
        #expect(!TeamAddressMatcher([]).matches("a@b.example"))
    }
}
