import Testing
@testable import TriageImport

@Suite("XMLAttributeGuard")
struct XMLAttributeGuardTests {
    private func passes(_ text: String, limit: Int, chunk: Int = 3) -> Bool {
        var scanner = XMLAttributeGuard(limit: limit)
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            let ok = bytes[start..<end].withUnsafeBytes { scanner.scan($0) }
            if !ok { return false }
            start = end
        }
        return true
    }

    @Test("counts attributes per start tag, across chunk boundaries")
    func counts() {
        let tag = "<t a=\"1\" b='2' c=\"3\">text = = = =</t>"
        #expect(passes(tag, limit: 3))
        #expect(!passes(tag, limit: 2))
    }

    @Test("equals signs in quoted values, text, comments, declarations and end tags do not count")
    func ignoresOtherEquals() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!-- a=b c=d --><r x=\"a=b=c=d\">p=q r=s</r>"
        #expect(passes(xml, limit: 1))
    }

    @Test("the line of the offending tag is known")
    func line() {
        var scanner = XMLAttributeGuard(limit: 2)
        let text = "<r>\n<ok a=\"1\">\n\n<bad a=\"1\" b=\"2\"\n c=\"3\"/></r>"
        #expect(Array(text.utf8).withUnsafeBytes { scanner.scan($0) } == false)
        #expect(scanner.line == 5)
    }

    @Test("UTF-16 markup is scanned too")
    func utf16() {
        let text = "<t a=\"1\" b=\"2\"/>"
        var scanner = XMLAttributeGuard(limit: 1)
        var bytes: [UInt8] = []
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(bytes.withUnsafeBytes { scanner.scan($0) } == false)
    }
}
