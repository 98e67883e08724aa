import Foundation
import Testing
import TriageImport
import TriageModel

/// Seeded mutation fuzzing: fixtures with flipped bytes, cut or repeated ranges and hostile tokens inserted.
///
/// Every read must end quickly with tickets, diagnostics or an `ImportError`, never a crash or another error
/// type. Deterministic (fixed seed); run longer with `XML_FUZZ_ITERATIONS=20000 swift test --filter XMLFuzz`.
@Suite("XMLFuzz")
struct XMLFuzzTests {
    private static let iterations = ProcessInfo.processInfo.environment["XML_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 150

    private static let tokens: [String] = [
        "<", ">", "&", "&amp;", "&#0;", "&#xD800;", "&#1114112;", "&bogus;", "<![CDATA[", "]]>", "<!--", "-->",
        "<!DOCTYPE tickets [<!ENTITY a \"b\">]>", "<!ENTITY x SYSTEM \"file:///etc/passwd\">", "&a;", "\u{0}",
        "\"", "'", "<ticket>", "</ticket>", "<nice-id type=\"integer\">", "</nice-id>", "nil=\"true\"", "\u{FEFF}",
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>", "<a b=\"1\" b=\"2\">", "xmlns:x=\"urn:x\" x:y=\"z\"",
        String(repeating: "<d>", count: 80), "<html-value>&lt;p&gt;x</html-value>",
    ]

    @Test("mutated Zendesk, Freshdesk and generic exports never crash or hang")
    func mutatedExports() throws {
        let mapping = try FieldMapping.load(from: XMLTestSupport.fixture("generic-mapping.yml"))
        let cases: [(any TicketImporter, String, ImportOptions)] = [
            (ZendeskXMLImporter(), "zendesk/tickets.xml", ImportOptions()),
            (FreshdeskXMLImporter(), "freshdesk.xml", ImportOptions()),
            (GenericXMLImporter(), "generic.xml", ImportOptions(mapping: mapping)),
        ]
        let folder = try XMLTestSupport.temporaryFolder()
        var random = XMLFuzzRandom(seed: 0x5EED_0004)
        var outcomes = [0, 0, 0]  // imported something, refused or malformed, nothing at all
        for (importer, fixture, options) in cases {
            let original = [UInt8](try Data(contentsOf: XMLTestSupport.fixture(fixture)))
            for iteration in 0..<Self.iterations {
                let mutated = Self.mutate(original, using: &random)
                let url = folder.appendingPathComponent("fuzz-\(iteration % 8).xml")
                try Data(mutated).write(to: url)
                let outcome = XMLTestSupport.read(importer, url, options: options)
                #expect(outcome.seconds < 30, "(a hang bound, not a speed figure) \(fixture) mutation \(iteration) took \(outcome.seconds) s")
                if let error = outcome.error {
                    #expect(error is ImportError, "\(fixture) mutation \(iteration): \(type(of: error)) \(error)")
                }
                #expect(outcome.tickets.allSatisfy { !$0.externalID.isEmpty })
                outcomes[!outcome.tickets.isEmpty ? 0 : outcome.error != nil ? 1 : 2] += 1
            }
        }
        // The mutations must exercise both paths, or the fuzzer tests nothing.
        #expect(outcomes[0] > 0 && outcomes[1] > 0, "\(outcomes)")
    }

    @Test("mutated HTML bodies always convert")
    func mutatedHTML() {
        let original = Array("""
        <html><head><style>x{}</style></head><body><p>Hello &amp; welcome</p><ul><li>one<li>two</ul>
        <table><tr><td>a</td><td>b</td></tr></table><a href="https://x.example">link</a><pre> keep  this </pre></body></html>
        """.utf8)
        var random = XMLFuzzRandom(seed: 0x5EED_0005)
        for iteration in 0..<Self.iterations * 3 {
            let html = String(decoding: Self.mutate(original, using: &random), as: UTF8.self)
            let start = Date()
            let text = HTMLToText.convert(html)
            #expect(Date().timeIntervalSince(start) < 2, "mutation \(iteration)")
            // Link URLs are the only text added, so the output can at most double.
            #expect(text.utf8.count <= 2 * html.utf8.count, "mutation \(iteration) grew: \(html)")
        }
    }

    /// One to four random edits.
    private static func mutate(_ input: [UInt8], using random: inout XMLFuzzRandom) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + random.next(below: 4)) {
            guard !bytes.isEmpty else { break }
            let position = random.next(below: bytes.count)
            switch random.next(below: 6) {
            case 0: bytes[position] = UInt8(truncatingIfNeeded: random.next())
            case 1: bytes.removeSubrange(position..<min(bytes.count, position + 1 + random.next(below: 64)))
            case 2:
                let end = min(bytes.count, position + 1 + random.next(below: 128))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            case 3: bytes.insert(contentsOf: Array(tokens[random.next(below: tokens.count)].utf8), at: position)
            case 4: bytes.removeSubrange(position...)
            default: bytes.insert(UInt8(0x80 + random.next(below: 0x80)), at: position)
            }
        }
        return bytes
    }
}
