import Foundation
import Testing
import TriageModel
@testable import TriageImport

/// The generic mapping's records, templates, value maps, derived ids and visibility values.
@Suite struct MappingLanguageTests {
    func run(_ json: String, _ mapping: FieldMapping) throws -> ImportResult {
        let folder = try TemporaryFolder()
        return try ImportResult(GenericJSONImporter(), folder.write("export.json", json), options: ImportOptions(mapping: mapping))
    }

    @Test func recordsMayBeTheRootObjectOrASingleNestedObject() throws {
        let root = try run(#"{"ref": "A1", "title": "Hello"}"#, FieldMapping(records: ".", fields: [.externalID: "ref", .subject: "title"]))
        #expect(root.tickets.map(\.externalID) == ["A1"])
        let nested = try run(#"{"data": {"ticket": {"ref": "B2", "title": "Hi"}}}"#, FieldMapping(records: "data.ticket", fields: [.externalID: "ref", .subject: "title"]))
        #expect(nested.tickets.map(\.externalID) == ["B2"])
    }

    @Test func recordsPointingAtNothingIsAnErrorNamingWhatIsThere() throws {
        do {
            _ = try run(#"{"items": [{"ref": "1"}]}"#, FieldMapping(records: "data.tickets", fields: [.externalID: "ref"]))
            Issue.record("expected an error")
        } catch let error as ImportError {
            #expect("\(error)".contains("data.tickets") && "\(error)".contains("`items`"))
        }
    }

    @Test func templatesValueMapsDerivedIDsAndVisibility() throws {
        let mapping = FieldMapping(
            records: "tickets",
            fields: [.subject: "title", .requesterName: "{customer.firstName} {customer.lastName}", .priority: "prio", .status: "state"],
            messages: .init(path: "thread", fields: [.body: "text", .isPublic: "kind", .role: "kind"]),
            agentRoleValues: ["note", "reply"],
            valueMaps: ["priority": ["2 normal": "normal", "1 low": "low"], "status": ["3": "closed"], "messages.public": ["reply": "public"]],
            deriveID: ["customer.email", "created"])
        let result = try run("""
            {"tickets": [{"title": "Broken", "customer": {"firstName": "Ana", "lastName": "Lima", "email": "ana@x.com"},
              "prio": "2 Normal", "state": 3, "created": "2024-01-01T00:00:00Z",
              "thread": [{"text": "It broke.", "kind": "public"}, {"text": "Escalated.", "kind": "note"}, {"text": "On it.", "kind": "reply"}]}]}
            """, mapping)
        let t = try #require(result.tickets.first)
        #expect(t.externalID.hasPrefix("sha256:") && t.externalID.count == 23)
        #expect(t.requester?.name == "Ana Lima" && t.labelPriority == "normal" && t.status == "closed")
        #expect(t.messages.map(\.isPublic) == [true, false, true])
        #expect(t.messages.map(\.role) == [.customer, .agent, .agent])
    }

    @Test func publicValues() {
        #expect(["true", "Yes", "1", "public", "external"].allSatisfy { FieldMapping.publicFlag($0) == true })
        #expect(["false", "no", "0", "internal", "private", "note"].allSatisfy { FieldMapping.publicFlag($0) == false })
        #expect(FieldMapping.publicFlag("maybe") == nil)
    }
}
