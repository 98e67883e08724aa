import Foundation
import TriageModel
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
            #expect(points.allSatisfy { $0[0] >= 0 && $0[0] <= 400 && $0[1] >= 0 && $0[1] <= 230 })
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

@Suite("SVG trend chart")
struct SVGTrendChartTests {
    static let series = [
        SVGChart.Series(name: "New", values: [12, 30, 20], color: "#3867d6"),
        SVGChart.Series(name: "Solved", values: [12, 5, 41], color: "#20bf6b", dashed: true),
        SVGChart.Series(name: "Open", values: [90, 115, 94], color: "#e67e22"),
    ]

    static func texts(_ svg: String) -> [(y: Double, text: String)] {
        svg.components(separatedBy: "<text ").dropFirst().compactMap { element in
            guard let yRange = element.range(of: " y=\""), let close = element.firstIndex(of: ">") else { return nil }
            let y = Double(element[yRange.upperBound...].prefix { $0 != "\"" }) ?? -1
            return (y, String(element[element.index(after: close)...].prefix { $0 != "<" }))
        }
    }

    @Test func everySeriesIsDrawnAndEveryPointLabelled() {
        let svg = SVGChart().lines(labels: ["Mon", "Tue", "Wed"], series: Self.series, title: "Trend")
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 3)
        let labels = Self.texts(svg).map(\.text)
        for value in Self.series.flatMap(\.values) { #expect(labels.contains(String(value)), "value \(value)") }
        for name in ["New", "Solved", "Open", "Mon", "Tue", "Wed"] { #expect(labels.contains(name)) }
    }

    @Test func yAxisHasRoundTicksFromZeroCoveringTheMaximum() {
        #expect(SVGChart.axis(maximum: 115) == (maximum: 150, step: 50) || SVGChart.axis(maximum: 115) == (maximum: 125, step: 25))
        #expect(SVGChart.axis(maximum: 0) == (maximum: 1, step: 1))
        #expect(SVGChart.axis(maximum: 3) == (maximum: 3, step: 1))
        #expect(SVGChart.axis(maximum: 1_000) == (maximum: 1_000, step: 250))
        let svg = SVGChart().lines(labels: ["a", "b"], series: [SVGChart.Series(name: "x", values: [0, 115], color: "#000")], title: "t")
        let ticks = Self.texts(svg).map(\.text)
        #expect(ticks.contains("0"))
        #expect(ticks.contains(String(SVGChart.axis(maximum: 115).maximum)))
    }

    @Test func labelsOfNearbyPointsArePushedApart() {
        let placed = SVGChart.spread([50, 52, 51, 120], gap: 12, top: 30, bottom: 150)
        let sorted = placed.sorted()
        for (a, b) in zip(sorted, sorted.dropFirst()) { #expect(b - a >= 12) }
        #expect(placed[3] == 120)
        #expect(placed[0] == 50)
        // A stack pushed past the bottom moves up as a whole.
        let low = SVGChart.spread([148, 149], gap: 12, top: 30, bottom: 150)
        #expect(low.max() == 150 && low.min() == 138)
    }
}
