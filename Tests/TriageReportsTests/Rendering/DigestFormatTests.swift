import Testing
import TriageReports

@Suite("Digest formats")
struct DigestFormatTests {
    @Test("names", arguments: [("html", DigestFormat.html), ("md", .markdown), ("Markdown", .markdown),
                               ("text", .text), ("txt", .text), ("json", .json)])
    func names(name: String, format: DigestFormat) {
        #expect(DigestFormat(name: name) == format)
    }

    @Test func unknownNameIsNil() {
        #expect(DigestFormat(name: "pdf") == nil)
    }

    @Test func onlyJSONHasNoTemplate() {
        #expect(DigestFormat.allCases.filter { $0.templateFileName == nil } == [.json])
    }
}
