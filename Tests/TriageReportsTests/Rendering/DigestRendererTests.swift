import Foundation
import TriageModel
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TriageReports

@Suite("Digest rendering")
struct DigestRendererTests {
    let renderer = DigestRenderer()
    let templates = GoldenFile.templatesDirectory

    func render(_ format: DigestFormat, summary: String? = nil) throws -> String {
        try renderer.render(try DigestFixture.data(), format: format, templatesDirectory: templates, summary: summary)
    }

    @Test("golden file", arguments: [
        (DigestFormat.html, "digest.html"), (.markdown, "digest.md"), (.text, "digest.txt"), (.json, "digest.json"),
    ])
    func golden(format: DigestFormat, file: String) throws {
        try GoldenFile.check(try render(format), against: file)
    }

    @Test func scriptInSubjectIsInertInHTML() throws {
        let html = try render(.html)
        #expect(!html.lowercased().contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<a "))
    }

    @Test func scriptInSubjectIsHarmlessInMarkdown() throws {
        let markdown = try render(.markdown)
        // Every `<` is escaped, so no HTML tag can start anywhere in the Markdown.
        let unescapedAngles = zip(markdown, markdown.dropFirst()).filter { $0.1 == "<" && $0.0 != "\\" }
        #expect(unescapedAngles.isEmpty)
        #expect(!markdown.contains("`")) // ticket text never sits in a code span, where escapes do not apply
        #expect(markdown.contains("\\<script\\>alert\\(1\\)\\</script\\>"))
        #expect(markdown.contains("\\[money\\]\\(http://evil.example\\)"))
        #expect(markdown.contains("\\*free\\*"))
        #expect(!markdown.contains("[money](")) // no link survives
    }

    @Test func multiLineSubjectsStayOnOneLine() throws {
        for format in [DigestFormat.html, .markdown, .text] {
            let output = try render(format)
            #expect(output.contains("API returns 502 since the 14:00 deploy"), "\(format)")
            #expect(!output.contains("since\nthe"), "\(format)")
        }
    }

    @Test func htmlIsWellFormedXML() throws {
        let html = try render(.html)
        let parser = XMLParser(data: Data(html.utf8))
        let delegate = ElementCounter()
        parser.delegate = delegate
        let parsed = parser.parse()
        #expect(parsed, "XMLParser: \(String(describing: parser.parserError)) at line \(parser.lineNumber)")
        #expect(delegate.elements["svg"] == 2)
        #expect(delegate.elements["table", default: 0] > 5)
        #expect(delegate.elements["script", default: 0] == 0)
    }

    @Test func htmlStaysWellFormedWithEmptyData() throws {
        let empty = DigestData(generatedAt: DigestFixture.instant("2026-06-02T06:00:00Z"),
                               day: try DigestDay.bounds(date: "2026-06-01", timeZone: "UTC"),
                               newTickets: NewTicketCounts(total: 0), flow: TicketFlow(solved: 0, stillOpen: 0),
                               triage: TriageFigures(ticketsTriaged: 0))
        let html = try renderer.render(empty, format: .html, templatesDirectory: templates)
        #expect(XMLParser(data: Data(html.utf8)).parse())
        #expect(html.contains("No new tickets."))
        #expect(html.contains("No history yet."))
    }

    @Test func summaryTextReplacesTheComposedOneAndIsEscaped() throws {
        let html = try render(.html, summary: "Quiet day <b>really</b>.")
        #expect(html.contains("Quiet day &lt;b&gt;really&lt;/b&gt;."))
        #expect(!html.contains("142 new tickets (+12% on yesterday)"))
        let markdown = try render(.markdown, summary: "Quiet *day*")
        #expect(markdown.contains("Quiet \\*day\\*"))
    }

    @Test func customTemplateReplacesTheDefault() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("digest-\(UUID().uuidString).mustache")
        try "{{date}}: {{#kpis}}{{label}}={{value}};{{/kpis}} {{#notable.rows}}[{{subject}}]{{/notable.rows}}"
            .write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let text = try renderer.render(try DigestFixture.data(), format: .text, templatesDirectory: "/nonexistent",
                                       customTemplatePath: url.path)
        #expect(text.hasPrefix("2026-03-29: New tickets=142;Solved=97;Still open=405;Escalations=3;SLA breaches=2; "))
        #expect(text.contains("[<script>alert(1)</script>")) // text format is plain: no HTML entities
    }

    @Test func missingTemplateSaysWhereItLooked() throws {
        #expect(throws: ReportsError.templateNotFound(path: "/nonexistent/digest.md.mustache", format: .markdown)) {
            try renderer.render(try DigestFixture.data(), format: .markdown, templatesDirectory: "/nonexistent")
        }
        let message = ReportsError.templateNotFound(path: "/x/digest.md.mustache", format: .markdown).description
        #expect(message.contains("/x/digest.md.mustache") && message.contains("Templates/"))
    }

    @Test func templateSyntaxErrorNamesFileAndLine() {
        do {
            _ = try DigestTemplate(source: "line one\n{{#kpis}}unclosed", format: .html, path: "my.mustache")
            Issue.record("expected a syntax error")
        } catch let error as ReportsError {
            guard case .templateSyntax(let path, let line, _, _) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(path == "my.mustache")
            #expect(line >= 1)
            #expect(error.description.hasPrefix("digest template my.mustache:"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func jsonHasNoTemplate() throws {
        #expect(throws: ReportsError.templateNotApplicable(format: .json)) {
            try DigestTemplate(source: "{{date}}", format: .json)
        }
        let json = try renderer.render(try DigestFixture.data(), format: .json)
        #expect(json == (try DigestFixture.data().encodeJSON()))
    }
}

/// Counts the elements an XML document contains, by name.
private final class ElementCounter: NSObject, XMLParserDelegate {
    var elements: [String: Int] = [:]

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        elements[elementName, default: 0] += 1
    }
}
