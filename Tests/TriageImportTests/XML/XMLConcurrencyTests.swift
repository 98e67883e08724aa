import Foundation
import Testing
import TriageImport
import TriageModel

/// libxml2 is shared process state: parsing on many threads at once must give the same results as one at a time.
@Suite("XML and HTML on many threads")
struct XMLConcurrencyTests {
    @Test("concurrent imports and HTML conversions match sequential ones")
    func concurrentReads() async throws {
        let url = XMLTestSupport.fixture("zendesk/tickets.xml")
        let expected = XMLTestSupport.read(ZendeskXMLImporter(), url).tickets
        let html = "<div><p>Refund &amp; <b>credit</b></p><ul><li>one</li></ul><a href=\"https://x.example\">x</a></div>"
        let expectedText = HTMLToText.convert(html)
        try #require(expected.count == 3)
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    for _ in 0..<20 {
                        guard XMLTestSupport.read(ZendeskXMLImporter(), url).tickets == expected,
                              HTMLToText.convert(html) == expectedText else { return false }
                    }
                    return true
                }
            }
            var all: [Bool] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0 })
    }
}
