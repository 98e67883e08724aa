import Foundation
import Testing
import TriageImport
import TriageModel

/// Classic attacks on XML parsers. Each must end with a clear error or a safe result, read no local file and open
/// no connection. An attack that works does not end (exponential expansion, a read that waits forever): the
/// `hangBound` catches that; it is not a speed figure (a loaded CI machine runs a debug build), speed is measured by
/// the benchmarks.
@Suite("Hostile XML")
struct XMLHostileInputTests {
    private static let hangBound = 30.0
    private static let canary = "CANARY-7f3a9-do-not-leak"

    /// A local file holding the canary, the target of the external-entity attacks.
    private func secretFile() throws -> URL {
        let url = try XMLTestSupport.temporaryFolder().appendingPathComponent("secret.txt")
        try Data("\(Self.canary)\n".utf8).write(to: url)
        return url
    }

    private func expectRefused(_ outcome: XMLTestSupport.Outcome, mentioning words: String,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(outcome.seconds < Self.hangBound, "took \(outcome.seconds) s", sourceLocation: sourceLocation)
        #expect(outcome.tickets.isEmpty, sourceLocation: sourceLocation)
        guard case let .refused(_, _, reason)? = outcome.error as? ImportError else {
            Issue.record("expected a refusal, got \(String(describing: outcome.error))", sourceLocation: sourceLocation)
            return
        }
        #expect(reason.contains(words), "\(reason)", sourceLocation: sourceLocation)
    }

    @Test("billion laughs is refused")
    func billionLaughs() throws {
        var declarations = "<!ENTITY lol0 \"lol\">\n"
        for level in 1...9 {
            declarations += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
        }
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE tickets [\n\(declarations)]>\n"
            + "<tickets><ticket><nice-id>1</nice-id><subject>&lol9;</subject></ticket></tickets>"
        expectRefused(XMLTestSupport.read(ZendeskXMLImporter(), try XMLTestSupport.write(xml)), mentioning: "declares entities")
    }

    @Test("quadratic blowup is refused")
    func quadraticBlowup() throws {
        let big = String(repeating: "A", count: 100_000)
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE tickets [<!ENTITY a \"\(big)\">]>\n<tickets><ticket><nice-id>1</nice-id><subject>"
            + String(repeating: "&a;", count: 100_000) + "</subject></ticket></tickets>"
        expectRefused(XMLTestSupport.read(ZendeskXMLImporter(), try XMLTestSupport.write(xml)), mentioning: "declares entities")
    }

    @Test("an external entity to a local file is refused and the file is never read")
    func externalEntityToFile() throws {
        let secret = try secretFile()
        for target in [secret.absoluteString, "file:///etc/passwd"] {
            let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE tickets [<!ENTITY x SYSTEM \"\(target)\">]>\n"
                + "<tickets><ticket><nice-id>1</nice-id><subject>&x;</subject></ticket></tickets>"
            let outcome = XMLTestSupport.read(ZendeskXMLImporter(), try XMLTestSupport.write(xml))
            expectRefused(outcome, mentioning: "declares entities")
            #expect(!outcome.allText.contains(Self.canary))
            #expect(!outcome.allText.contains("root:"))
        }
    }

    @Test("an external entity to an http URL is refused and no connection is made")
    func externalEntityToURL() throws {
        let listener = try LoopbackListener()
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE tickets [<!ENTITY x SYSTEM \"http://127.0.0.1:\(listener.port)/x\">]>\n"
            + "<tickets><ticket><nice-id>1</nice-id><subject>&x;</subject></ticket></tickets>"
        expectRefused(XMLTestSupport.read(ZendeskXMLImporter(), try XMLTestSupport.write(xml)), mentioning: "declares entities")
        #expect(!listener.connectionArrived())
    }

    @Test("external parameter entities (to a file and to a URL) are refused and load nothing")
    func parameterEntity() throws {
        let listener = try LoopbackListener()
        let secret = try secretFile()
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE tickets [
          <!ENTITY % remote SYSTEM "http://127.0.0.1:\(listener.port)/evil.dtd">
          <!ENTITY % file SYSTEM "\(secret.absoluteString)">
          %remote;
          <!ENTITY % wrap "<!ENTITY leak '%file;'>">
          %wrap;
        ]>
        <tickets><ticket><nice-id>1</nice-id><subject>&leak;</subject></ticket></tickets>
        """
        let outcome = XMLTestSupport.read(ZendeskXMLImporter(), try XMLTestSupport.write(xml))
        #expect(outcome.seconds < Self.hangBound)
        #expect(outcome.tickets.isEmpty)
        #expect(outcome.error != nil)
        #expect(!outcome.allText.contains(Self.canary))
        #expect(!listener.connectionArrived())
    }

    @Test("an external DTD is never loaded, from a URL or from a file")
    func externalDTD() throws {
        let listener = try LoopbackListener()
        let folder = try XMLTestSupport.temporaryFolder()
        let secret = try secretFile()
        let dtd = folder.appendingPathComponent("evil.dtd")
        try Data("<!ENTITY leak SYSTEM \"\(secret.absoluteString)\">".utf8).write(to: dtd)
        for system in ["http://127.0.0.1:\(listener.port)/evil.dtd", dtd.absoluteString] {
            let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE tickets SYSTEM \"\(system)\">\n"
                + "<tickets><ticket><nice-id>1</nice-id><subject>&leak;</subject></ticket></tickets>"
            let outcome = XMLTestSupport.read(ZendeskXMLImporter(), try XMLTestSupport.write(xml))
            #expect(outcome.seconds < Self.hangBound)
            #expect(!outcome.allText.contains(Self.canary))
            #expect(outcome.tickets.allSatisfy { $0.subject.isEmpty })
        }
        #expect(!listener.connectionArrived())
    }

    @Test("an external DTD without entity use is ignored with a warning and the tickets import")
    func harmlessExternalDTD() throws {
        let listener = try LoopbackListener()
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE tickets SYSTEM \"http://127.0.0.1:\(listener.port)/t.dtd\">\n"
            + "<tickets><ticket><nice-id>1</nice-id><subject>fine</subject></ticket></tickets>"
        let outcome = XMLTestSupport.read(ZendeskXMLImporter(), try XMLTestSupport.write(xml))
        #expect(outcome.error == nil)
        #expect(outcome.tickets.map(\.subject) == ["fine"])
        #expect(outcome.diagnostics.contains { $0.severity == .warning && $0.message.contains("external DTD") })
        #expect(!listener.connectionArrived())
    }

    @Test("100,000-deep nesting is refused quickly")
    func deepNesting() throws {
        let xml = "<tickets><ticket><nice-id>1</nice-id>" + String(repeating: "<a>", count: 100_000)
            + String(repeating: "</a>", count: 100_000) + "</ticket></tickets>"
        expectRefused(XMLTestSupport.read(ZendeskXMLImporter(), try XMLTestSupport.write(xml)), mentioning: "deeper than 64")
    }

    @Test("50,000 attributes on one element are refused quickly")
    func manyAttributes() throws {
        let attributes = (0..<50_000).map { "a\($0)=\"\($0)\"" }.joined(separator: " ")
        let xml = "<tickets>\n<ticket \(attributes)><nice-id>1</nice-id></ticket></tickets>"
        let outcome = XMLTestSupport.read(ZendeskXMLImporter(), try XMLTestSupport.write(xml))
        expectRefused(outcome, mentioning: "more than 256 attributes")
        guard case let .refused(_, line, _)? = outcome.error as? ImportError else { return }
        #expect(line == 2)
    }

    @Test("a file over the input cap is refused")
    func inputCap() throws {
        let ticket = "<ticket><nice-id>1</nice-id><subject>x</subject></ticket>"
        let url = try XMLTestSupport.write("<tickets>" + String(repeating: ticket, count: 2_000) + "</tickets>")
        let outcome = XMLTestSupport.read(ZendeskXMLImporter(limits: XMLLimits(maxInputBytes: 10_000)), url)
        guard case let .refused(_, _, reason)? = outcome.error as? ImportError else {
            Issue.record("expected a refusal, got \(String(describing: outcome.error))")
            return
        }
        #expect(reason.contains("larger than 10000 bytes"))
        #expect(outcome.tickets.count < 2_000)
    }

    @Test("an oversized record is skipped and reported; the next one imports")
    func recordCap() throws {
        let xml = "<tickets><ticket><nice-id>1</nice-id><description>" + String(repeating: "x", count: 5_000)
            + "</description></ticket><ticket><nice-id>2</nice-id></ticket></tickets>"
        let outcome = XMLTestSupport.read(ZendeskXMLImporter(), try XMLTestSupport.write(xml),
                                          options: ImportOptions(maxRecordBytes: 1_000))
        #expect(outcome.error == nil)
        #expect(outcome.tickets.map(\.externalID) == ["2"])
        #expect(outcome.diagnostics.contains { $0.record == 1 && $0.message.contains("larger than 1000 bytes") })
    }

    @Test("a text node over libxml2's 10 MB limit is refused with a clear reason")
    func hugeTextNode() throws {
        let big = String(repeating: "abcdefghij", count: 1_100_000)
        let xml = "<tickets><ticket><nice-id>1</nice-id><description>\(big)</description></ticket></tickets>"
        expectRefused(XMLTestSupport.read(ZendeskXMLImporter(), try XMLTestSupport.write(xml)), mentioning: "10,000,000 bytes")
    }

    @Test("an entity reference without any DOCTYPE is a clear error")
    func undeclaredEntity() throws {
        let xml = "<tickets><ticket><nice-id>1</nice-id><subject>&nope;</subject></ticket></tickets>"
        let outcome = XMLTestSupport.read(ZendeskXMLImporter(), try XMLTestSupport.write(xml))
        #expect(outcome.tickets.isEmpty)
        #expect("\(String(describing: outcome.error))".contains("nope"))
    }
}
