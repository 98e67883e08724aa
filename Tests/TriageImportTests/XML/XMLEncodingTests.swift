import Foundation
import Testing
import TriageImport
import TriageModel

@Suite("XML encodings declared in the XML declaration")
struct XMLEncodingTests {
    @Test("ISO-8859-1, windows-1252 and UTF-16 are decoded to the right text", arguments: [
        ("latin1.xml", "Réclamation", "Ça coûte 5 £, señor Müller"),
        ("cp1252.xml", "“Quoted” – dash", "Price: 20 € … ok"),
        ("utf16.xml", "日本語の件名", "Привет, ünïcödé 🎉"),
    ])
    func encodings(file: String, subject: String, body: String) throws {
        let outcome = XMLTestSupport.read(ZendeskXMLImporter(), XMLTestSupport.fixture(file))
        if let error = outcome.error { throw error }
        let ticket = try #require(outcome.tickets.first)
        #expect(ticket.subject == subject)
        #expect(ticket.messages.first?.text == body)
    }

    @Test("bytes that are not valid in the declared encoding are reported, not printed")
    func invalidUTF8() throws {
        var data = Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tickets><ticket><nice-id>1</nice-id><subject>ok</subject><description>\(String(repeating: "padding ", count: 600))</description></ticket>\n<ticket><nice-id>2</nice-id><description>\(String(repeating: "padding ", count: 600))</description>\n<subject>".utf8)
        data.append(contentsOf: [0xFF, 0xFE, 0x41])
        data.append(contentsOf: Data("</subject></ticket></tickets>".utf8))
        let url = try XMLTestSupport.temporaryFolder().appendingPathComponent("bad.xml")
        try data.write(to: url)
        let outcome = XMLTestSupport.read(ZendeskXMLImporter(), url)
        #expect(outcome.tickets.map(\.externalID) == ["1"])
        #expect(outcome.diagnostics.contains { $0.severity == .error && $0.line == 4 })
    }
}
