import Foundation
import TriageModel

/// Small inline SVG charts for the HTML digest. Pure: values in, markup out, same bytes every time.
///
/// The markup is XML (namespaced, escaped, no external references), so it can sit inside XHTML and mail.
/// Every chart carries a `<title>` and `aria-label` as its text alternative; the digest also shows the numbers
/// in a table beside it, because many mail clients drop SVG.
public struct SVGChart: Sendable {
    /// Total width in pixels.
    public var width: Int
    public var barColor: String
    public var secondaryColor: String
    public var textColor: String

    public init(width: Int = 600, barColor: String = "#3867d6", secondaryColor: String = "#20bf6b",
                textColor: String = "#333333") {
        self.width = width
        self.barColor = barColor
        self.secondaryColor = secondaryColor
        self.textColor = textColor
    }

    /// A horizontal bar chart: one row per item, label left, bar, count right.
    public func bars(_ items: [LabelCount], title: String) -> String {
        let rowHeight = 24, labelWidth = 170, countWidth = 50
        let height = max(1, items.count) * rowHeight + 8
        let barSpace = Double(width - labelWidth - countWidth)
        let maximum = Double(items.map(\.count).max() ?? 0)
        var svg = open(height: height, title: title)
        for (index, item) in items.enumerated() {
            let y = 4 + index * rowHeight
            let length = maximum > 0 ? max(2, barSpace * Double(item.count) / maximum) : 0
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 16)\" text-anchor=\"end\">\(Self.escape(Self.shorten(item.label)))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(Self.number(length))\" height=\"16\" rx=\"2\" fill=\"\(barColor)\"/>"
            svg += "<text x=\"\(Self.number(Double(labelWidth) + length + 6))\" y=\"\(y + 16)\">\(item.count)</text>"
        }
        return svg + "</svg>"
    }

    /// One line of a line chart.
    public struct Series: Sendable {
        public var name: String
        public var values: [Int]
        public var color: String
        public var dashed: Bool

        public init(name: String, values: [Int], color: String, dashed: Bool = false) {
            self.name = name
            self.values = values
            self.color = color
            self.dashed = dashed
        }
    }

    /// A line chart of one or two series over the same labelled points (e.g. new and solved over seven days).
    ///
    /// - Parameters:
    ///   - labels: x-axis labels, one per point.
    ///   - primary: the main series (drawn solid).
    ///   - secondary: an optional second series (drawn dashed).
    public func lines(labels: [String], primary: (name: String, values: [Int]),
                      secondary: (name: String, values: [Int])? = nil, title: String) -> String {
        lines(labels: labels, series: [Series(name: primary.name, values: primary.values, color: barColor)]
                + (secondary.map { [Series(name: $0.name, values: $0.values, color: secondaryColor, dashed: true)] } ?? []),
              title: title)
    }

    /// A line chart of several series over the same labelled points, on one y axis starting at zero with labelled
    /// grid lines; every point carries its value in its series' colour, moved apart where labels would overlap.
    public func lines(labels: [String], series: [Series], title: String) -> String {
        let height = 230, left = 44, right = 24, top = 40, bottom = 38, inset = 18.0
        let plotWidth = Double(width - left - right), plotHeight = Double(height - top - bottom)
        // Points sit `inset` inside the axes, so the first value label does not cross the y axis.
        let span = plotWidth - 2 * inset
        let axis = Self.axis(maximum: series.flatMap(\.values).max() ?? 0)
        let step = labels.count > 1 ? span / Double(labels.count - 1) : 0
        let bottomY = Double(top) + plotHeight
        func point(_ index: Int, _ value: Int) -> (x: Double, y: Double) {
            (Double(left) + (labels.count > 1 ? inset + step * Double(index) : plotWidth / 2),
             bottomY - plotHeight * Double(value) / Double(axis.maximum))
        }
        var svg = open(height: height, title: title)
        // Grid lines with their values, then the axes.
        for tick in stride(from: 0, through: axis.maximum, by: axis.step) {
            let y = Self.number(point(0, tick).y)
            if tick > 0 { svg += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(width - right)\" y2=\"\(y)\" stroke=\"#e5e5e5\"/>" }
            svg += "<text x=\"\(left - 6)\" y=\"\(Self.number(point(0, tick).y + 4))\" text-anchor=\"end\" fill=\"#777777\">\(tick)</text>"
        }
        svg += "<line x1=\"\(left)\" y1=\"\(top - 4)\" x2=\"\(left)\" y2=\"\(Self.number(bottomY))\" stroke=\"#999999\"/>"
        svg += "<line x1=\"\(left)\" y1=\"\(Self.number(bottomY))\" x2=\"\(width - right)\" y2=\"\(Self.number(bottomY))\" stroke=\"#999999\"/>"
        for (index, label) in labels.enumerated() {
            svg += "<text x=\"\(Self.number(point(index, 0).x))\" y=\"\(height - 8)\" text-anchor=\"middle\">\(Self.escape(label))</text>"
        }
        for line in series {
            let points = line.values.prefix(labels.count).enumerated().map { point($0.offset, $0.element) }
            svg += polyline(points, color: line.color, dashed: line.dashed)
            for p in points {
                svg += "<circle cx=\"\(Self.number(p.x))\" cy=\"\(Self.number(p.y))\" r=\"3\" fill=\"\(line.color)\"/>"
            }
        }
        // Value labels: above each point, except the lowest one of several, which goes below its point; pushed
        // apart vertically where series meet, and outlined in white so lines do not run through them.
        for index in labels.indices {
            let marks = series.compactMap { line -> (y: Double, value: Int, color: String)? in
                guard index < line.values.count else { return nil }
                return (point(index, line.values[index]).y, line.values[index], line.color)
            }
            let lowest = marks.count > 1 ? marks.indices.max { (marks[$0].y, $1) < (marks[$1].y, $0) } : nil
            let wishes = marks.indices.map { $0 == lowest ? marks[$0].y + 15 : marks[$0].y - 7 }
            for (offset, y) in Self.spread(wishes, gap: 12, top: Double(top) - 2, bottom: bottomY + 14).enumerated() {
                svg += "<text x=\"\(Self.number(point(index, 0).x))\" y=\"\(Self.number(y))\" text-anchor=\"middle\" "
                    + "font-weight=\"bold\" fill=\"\(marks[offset].color)\" stroke=\"#ffffff\" stroke-width=\"3\" "
                    + "paint-order=\"stroke\">\(marks[offset].value)</text>"
            }
        }
        for (offset, line) in series.enumerated() {
            svg += legend(line.name, color: line.color, x: left + offset * 110, dashed: line.dashed)
        }
        return svg + "</svg>"
    }

    /// A y axis from zero: a round step (1, 2, 2.5 or 5 × 10ⁿ, whole numbers) giving at most five intervals, and the
    /// first multiple of it at or above `maximum`.
    static func axis(maximum: Int) -> (maximum: Int, step: Int) {
        guard maximum > 0 else { return (1, 1) }
        let raw = Double(maximum) / 4
        let magnitude = pow(10, floor(log10(raw)))
        let step = max(1, Int(([1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude).rounded(.up)))
        return (Int((Double(maximum) / Double(step)).rounded(.up)) * step, step)
    }

    /// Label baselines at least `gap` apart, each as close to its wish as possible, kept within `top`…`bottom`;
    /// returned in the order of `wishes`.
    static func spread(_ wishes: [Double], gap: Double, top: Double, bottom: Double) -> [Double] {
        let order = wishes.indices.sorted { (wishes[$0], $0) < (wishes[$1], $1) }
        var placed = Array(repeating: 0.0, count: wishes.count)
        var previous = -Double.infinity
        for index in order {
            placed[index] = max(wishes[index], previous + gap, top)
            previous = placed[index]
        }
        // Pushed past the bottom: move the whole stack up.
        if let last = order.last, placed[last] > bottom {
            let shift = placed[last] - bottom
            for index in order { placed[index] -= shift }
        }
        return placed
    }

    // MARK: - Pieces

    private func open(height: Int, title: String) -> String {
        let label = Self.escape(title)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(label)\" "
            + "style=\"max-width:100%;height:auto\" font-family=\"Helvetica,Arial,sans-serif\" font-size=\"12\" "
            + "fill=\"\(textColor)\"><title>\(label)</title>"
    }

    private func polyline(_ points: [(x: Double, y: Double)], color: String, dashed: Bool) -> String {
        let list = points.map { "\(Self.number($0.x)),\(Self.number($0.y))" }.joined(separator: " ")
        return "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\""
            + (dashed ? " stroke-dasharray=\"5,4\"" : "") + "/>"
    }

    private func legend(_ name: String, color: String, x: Int, dashed: Bool) -> String {
        "<line x1=\"\(x)\" y1=\"10\" x2=\"\(x + 18)\" y2=\"10\" stroke=\"\(color)\" stroke-width=\"2\""
            + (dashed ? " stroke-dasharray=\"5,4\"" : "") + "/>"
            + "<text x=\"\(x + 24)\" y=\"14\">\(Self.escape(name))</text>"
    }

    /// Labels longer than `limit` characters end in `…` so they fit left of the bars (the table shows them whole).
    static func shorten(_ label: String, limit: Int = 24) -> String {
        label.count <= limit ? label : String(label.prefix(limit - 1)) + "…"
    }

    /// Escapes text for XML content and attribute values.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A coordinate with at most one decimal, never in exponent form: `12`, `12.5`.
    static func number(_ value: Double) -> String {
        if value < 0 { return "-" + number(-value) }
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(abs(tenths % 10))"
    }
}
