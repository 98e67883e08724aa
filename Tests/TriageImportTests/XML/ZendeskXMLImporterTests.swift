import Foundation
import Testing
import TriageImport
import TriageModel

@Suite("ZendeskXMLImporter")
struct ZendeskXMLImporterTests {
    private func importFixture() throws -> XMLTestSupport.Outcome {
        let outcome = XMLTestSupport.read(ZendeskXMLImporter(), XMLTestSupport.fixture("zendesk/tickets.xml"))
        if let error = outcome.error { throw error }
        return outcome
    }

    @Test("a full ticket: ids, codes, companions resolved, dates and tags")
    func fullTicket() throws {
        let outcome = try importFixture()
        try #require(outcome.tickets.count == 3)
        let ticket = outcome.tickets[0]
        #expect(ticket.source == ImportFormat.zendeskXML.defaultSource)
        #expect(ticket.externalID == "101")
        #expect(ticket.subject == "Charged twice for March")
        #expect(ticket.status == "open")
        #expect(ticket.labelPriority == "high")
        #expect(ticket.channel == "email")
        #expect(ticket.labelDepartment == "Billing")
        #expect(ticket.requester == Participant(name: "Maria Lopez", email: "maria.lopez@example.com"))
        #expect(ticket.assignee?.email == "sam@support.acme.example")
        #expect(ticket.organization == "Lopez Consulting")
        #expect(ticket.tags == ["billing", "refund", "double_charge"])
        #expect(ticket.customFields["ticket_type"] == "incident")
        #expect(ticket.customFields["field_555"] == "INV-2011-0042")
        #expect(ticket.createdAt == Date(timeIntervalSince1970: 1_300_098_030))
        #expect(ticket.updatedAt == Date(timeIntervalSince1970: 1_300_176_000))
        #expect(outcome.records[0].line == 3)
    }

    @Test("the first comment repeats the description and is not doubled; roles and visibility come through")
    func comments() throws {
        let ticket = try importFixture().tickets[0]
        try #require(ticket.messages.count == 3)
        #expect(ticket.messages[0].text.hasPrefix("Hi, my card was charged twice"))
        #expect(ticket.messages[0].role == .customer)
        #expect(ticket.messages[0].attachments == [AttachmentInfo(filename: "statement.pdf", contentType: "application/pdf", size: 48213)])
        #expect(ticket.messages[1].role == .agent)
        #expect(ticket.messages[1].isPublic == false)
        #expect(ticket.messages[2].text == "Refund issued — you will see it in 3-5 days.")
        #expect(ticket.messages[2].html == "<p>Refund issued &mdash; you will see it in <b>3-5 days</b>.</p>")
    }

    @Test("nil=\"true\" and missing fields are absent, the description alone becomes the message")
    func missingFields() throws {
        let ticket = try importFixture().tickets[1]
        #expect(ticket.externalID == "102")
        #expect(ticket.subject == "")
        #expect(ticket.status == nil)
        #expect(ticket.labelPriority == nil)
        #expect(ticket.labelDepartment == nil)
        #expect(ticket.createdAt == nil)
        #expect(ticket.organization == nil)
        #expect(ticket.requester?.email == "kenji@example.jp")
        #expect(ticket.messages.map(\.text) == ["Where is my parcel?"])
    }

    @Test("CDATA, &amp; and numeric references are decoded; an unknown group and a bad date are reported")
    func cdataAndEntities() throws {
        let outcome = try importFixture()
        let ticket = outcome.tickets[2]
        #expect(ticket.subject == "Login <broken> & \"2FA\" lost")
        #expect(ticket.messages.first?.text == "Tom & Jerry can't log in — café wifi <sigh>")
        #expect(ticket.messages.last?.text == "Code sample: if (a < b && c > d) { }")
        #expect(ticket.customFields["group_id"] == "99")
        #expect(ticket.labelDepartment == nil)
        let warnings = outcome.diagnostics.filter { $0.record == 3 }
        #expect(warnings.contains { $0.field == "created-at" && $0.severity == .warning && $0.line == 71 })
        #expect(warnings.contains { $0.field == "requester-id" && $0.message.contains("42") })
    }

    @Test("a record that fails mid-file is reported with its line and the rest is imported")
    func failingRecord() {
        let outcome = XMLTestSupport.read(ZendeskXMLImporter(), XMLTestSupport.fixture("zendesk-broken/tickets.xml"))
        #expect(outcome.error == nil)
        #expect(outcome.tickets.map(\.externalID) == ["1", "5"])
        let errors = outcome.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.record) == [2, 3, 4])
        #expect(errors.map(\.line) == [8, 11, 17])
        #expect(errors.map(\.field) == ["nice-id", "nice-id", "status-id"])
        #expect(errors[0].message.contains("`two` is not an integer"))
    }

    @Test("a well-formedness error stops the file; records before it stay imported; line and column reported")
    func truncatedFile() throws {
        let outcome = XMLTestSupport.read(ZendeskXMLImporter(), XMLTestSupport.fixture("zendesk-truncated/tickets.xml"))
        #expect(outcome.error == nil)
        #expect(outcome.tickets.map(\.externalID) == ["1", "2"])
        let failure = try #require(outcome.diagnostics.first { $0.severity == .error })
        #expect(failure.line == 16)
        #expect(failure.column != nil)
        #expect(failure.message.contains("2 records before this point were imported"))
    }

    @Test("a broken file with no record before the break throws, naming the line")
    func brokenFromTheStart() throws {
        let url = try XMLTestSupport.write("<tickets>\n<ticket><nice-id>1</nice-id>\n<oops></ticket></tickets>")
        let outcome = XMLTestSupport.read(ZendeskXMLImporter(), url)
        guard case let .malformed(_, line, reason)? = outcome.error as? ImportError else {
            Issue.record("expected a malformed error, got \(String(describing: outcome.error))")
            return
        }
        #expect(line == 3)
        #expect(reason.contains("column"))
        #expect(outcome.tickets.isEmpty)
    }

    @Test("without companion files ids stay unresolved and nothing fails")
    func withoutCompanions() throws {
        let url = try XMLTestSupport.write("""
        <tickets><ticket><nice-id type="integer">9</nice-id><group-id type="integer">20</group-id>
        <requester-id type="integer">1</requester-id><description>Hello</description></ticket></tickets>
        """)
        let outcome = XMLTestSupport.read(ZendeskXMLImporter(), url)
        #expect(outcome.error == nil)
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.tickets.first?.customFields["group_id"] == "20")
        #expect(outcome.tickets.first?.requester == Participant())
    }

    @Test("the source option names the tickets' source")
    func sourceOption() throws {
        let outcome = XMLTestSupport.read(ZendeskXMLImporter(), XMLTestSupport.fixture("zendesk/tickets.xml"),
                                          options: ImportOptions(source: "zendesk-eu"))
        #expect(outcome.tickets.allSatisfy { $0.source == "zendesk-eu" })
    }
}

@Suite("ZendeskXMLImporter on files that are not exports")
struct ZendeskXMLNotAnExportTests {
    @Test("empty, JSON and missing files end with an ImportError that names the file", arguments: ["", "{\"tickets\": []}", "\u{FEFF}"])
    func notXML(contents: String) throws {
        let url = try XMLTestSupport.write(contents)
        let outcome = XMLTestSupport.read(ZendeskXMLImporter(), url)
        let error = try #require(outcome.error as? ImportError)
        #expect("\(error)".contains(url.path))
        #expect(outcome.tickets.isEmpty)
    }

    @Test("a missing file is unreadable")
    func missingFile() {
        let outcome = XMLTestSupport.read(ZendeskXMLImporter(), URL(fileURLWithPath: "/nonexistent/tickets.xml"))
        guard case .unreadable? = outcome.error as? ImportError else {
            Issue.record("expected unreadable, got \(String(describing: outcome.error))")
            return
        }
    }
}

@Suite("ZendeskXMLImporter streaming")
struct ZendeskXMLStreamingTests {
    private struct Stop: Error {}

    @Test("thousands of records arrive in file order with their indexes and lines")
    func order() throws {
        let count = 5_000
        let body = (1...count).map { "<ticket>\n<nice-id type=\"integer\">\($0)</nice-id>\n</ticket>" }.joined(separator: "\n")
        let outcome = XMLTestSupport.read(ZendeskXMLImporter(), try XMLTestSupport.write("<tickets>\n\(body)\n</tickets>"))
        #expect(outcome.error == nil)
        #expect(outcome.records.count == count)
        #expect(outcome.records.map(\.ticket.externalID) == (1...count).map(String.init), "out of order")
        #expect(outcome.records.map(\.index) == Array(1...count), "indexes")
        #expect(outcome.records.map(\.line) == (0..<count).map { 2 + 3 * $0 }, "lines")
    }

    @Test("an error thrown by emit stops the read and comes back to the caller")
    func emitStops() throws {
        let body = String(repeating: "<ticket><nice-id>1</nice-id><subject>x</subject></ticket>", count: 50_000)
        let url = try XMLTestSupport.write("<tickets>\(body)</tickets>")
        var seen = 0
        let start = Date()
        #expect(throws: Stop.self) {
            try ZendeskXMLImporter().read(url, options: ImportOptions(), diagnostics: DiagnosticCollector()) { _ in
                seen += 1
                if seen == 10 { throw Stop() }
            }
        }
        #expect(seen == 10)
        #expect(Date().timeIntervalSince(start) < 2)
    }
}
