import Foundation
import Testing
@testable import TriageImport

@Suite("XMLStreamReader", .serialized)
struct XMLStreamReaderTests {
    @Test("only safe parser options are ever set")
    func safeOptions() {
        let options = XMLStreamReader.parserOptions
        #expect(options & (1 << 11) != 0, "NONET")
        for (bit, name) in [(1, "NOENT"), (2, "DTDLOAD"), (3, "DTDATTR"), (4, "DTDVALID"), (10, "XINCLUDE"), (19, "HUGE")] {
            #expect(options & (1 << bit) == 0, "\(name) must never be set")
        }
    }

    @Test("libxml2 prints nothing to stderr, even for broken and hostile files")
    func silentOnStderr() throws {
        let capture = try XMLTestSupport.temporaryFolder().appendingPathComponent("stderr.txt")
        FileManager.default.createFile(atPath: capture.path, contents: nil)
        let handle = try FileHandle(forWritingTo: capture)
        let saved = dup(STDERR_FILENO)
        dup2(handle.fileDescriptor, STDERR_FILENO)
        let broken = try XMLTestSupport.write("<tickets><ticket><nice-id>1</nice-id></ticket>\n<ticket>&bad; <x></tickets>")
        let hostile = try XMLTestSupport.write("<!DOCTYPE t [<!ENTITY e SYSTEM \"file:///nonexistent\">]><t>&e;</t>")
        let outcomes = [broken, hostile].map { XMLTestSupport.read(ZendeskXMLImporter(), $0) }
        _ = HTMLToText.convert("<p>unclosed <b>&bogus; <div></span></table>")
        fflush(nil)
        dup2(saved, STDERR_FILENO)
        close(saved)
        try handle.close()
        // Other suites may write to the process's stderr meanwhile; look for libxml2's own message formats.
        let captured = try String(contentsOf: capture, encoding: .utf8)
        for marker in ["parser error", "parser warning", "Entity 'bad'", "Entity 'e'", "failed to load", "I/O error", "namespace error"] {
            #expect(!captured.contains(marker), "libxml2 printed: \(captured)")
        }
        #expect(outcomes.allSatisfy { $0.error != nil || !$0.diagnostics.isEmpty })
    }

    @Test("tree paths: elements, attributes, text() and repeating children")
    func treePaths() {
        let tree = XMLTreeElement(name: "ticket", attributes: [.init(name: "id", value: "7")], children: [
            XMLTreeElement(name: "requester", attributes: [.init(name: "email", value: "a@b.c")],
                           children: [XMLTreeElement(name: "name", text: "Ann")]),
            XMLTreeElement(name: "notes", children: [
                XMLTreeElement(name: "note", text: "one"), XMLTreeElement(name: "other"), XMLTreeElement(name: "note", text: "two"),
            ]),
        ])
        #expect(tree.value(at: "@id") == "7")
        #expect(tree.value(at: "requester/@email") == "a@b.c")
        #expect(tree.value(at: "requester/name") == "Ann")
        #expect(tree.value(at: "requester/name/text()") == "Ann")
        #expect(tree.value(at: "missing/name") == nil)
        #expect(tree.elements(at: "notes/note").map(\.text) == ["one", "two"])
    }
}
