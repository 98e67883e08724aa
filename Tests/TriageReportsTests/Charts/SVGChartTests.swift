import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import TriageReports

@Suite("SVG charts")
struct SVGChartTests {
    func parse(_ svg: String) -> (ok: Bool, rects: [[String: String]], texts: [String]) {
        let collector = SVGCollector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        return (parser.parse(), collector.rects, collector.texts)
    }

    @Test func barsAreProportionalAndLabelled() {
        let svg = SVGChart(width: 600).bars([LabelCount("A & B", 50), LabelCount("<C>", 25)], title: "Tickets")
        let result = parse(svg)
        #expect(result.ok)
        #expect(result.rects.count == 2)
        let widths = result.rects.compactMap { $0["width"].flatMap(Double.init) }
        #expect(widths.count == 2)
        #expect(abs(widths[0] - 2 * widths[1]) < 0.2)
        #expect(result.texts.contains("A & B") && result.texts.contains("<C>"))
        #expect(result.texts.contains("Tickets")) // the <title> text alternative
        #expect(svg.contains("aria-label=\"Tickets\""))
    }

    @Test func zeroCountsDrawNoBar() {
        let result = parse(SVGChart().bars([LabelCount("none", 0)], title: "t"))
        #expect(result.ok)
        #expect(result.rects.first?["width"] == "0")
    }

    @Test func lineChartPlotsEveryPointWithinTheBox() {
        let svg = SVGChart(width: 400).lines(labels: ["Mon", "Tue", "Wed"], primary: ("New", [10, 30, 20]),
                                             secondary: ("Solved", [5, 5, 40]), title: "Trend")
        #expect(parse(svg).ok)
        let polylines = svg.components(separatedBy: "points=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(polylines.count == 2)
        for line in polylines {
            let points = line.split(separator: " ").map { $0.split(separator: ",").compactMap { Double($0) } }
            #expect(points.count == 3)
            #expect(points.allSatisfy { $0[0] >= 0 && $0[0] <= 400 && $0[1] >= 0 && $0[1] <= 180 })
        }
        #expect(SVGChart().lines(labels: ["a"], primary: ("x", [0]), title: "t") == SVGChart().lines(labels: ["a"], primary: ("x", [0]), title: "t"))
    }
}

private final class SVGCollector: NSObject, XMLParserDelegate {
    var rects: [[String: String]] = []
    var texts: [String] = []
    private var current = ""

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if elementName == "rect" { rects.append(attributes) }
        current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if elementName == "text" || elementName == "title" { texts.append(current) }
        current = ""
    }
}

@Suite("SVG chart labels")
struct SVGChartLabelTests {
    @Test func longLabelsAreShortenedInTheChartOnly() {
        let long = String(repeating: "x", count: 40)
        let svg = SVGChart().bars([LabelCount(long, 3)], title: "t")
        #expect(svg.contains(String(repeating: "x", count: 23) + "…<"))
        #expect(!svg.contains(long))
        #expect(SVGChart.shorten("Technical Support") == "Technical Support")
    }
}
