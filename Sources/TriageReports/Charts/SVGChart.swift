import Foundation

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

    /// A line chart of one or two series over the same labelled points (e.g. new and solved over seven days).
    ///
    /// - Parameters:
    ///   - labels: x-axis labels, one per point.
    ///   - primary: the main series (drawn solid, values labelled).
    ///   - secondary: an optional second series (drawn dashed).
    public func lines(labels: [String], primary: (name: String, values: [Int]),
                      secondary: (name: String, values: [Int])? = nil, title: String) -> String {
        let height = 190, left = 30, right = 20, top = 44, bottom = 28
        let plotWidth = Double(width - left - right), plotHeight = Double(height - top - bottom)
        let maximum = Double(max(1, (primary.values + (secondary?.values ?? [])).max() ?? 1))
        let step = labels.count > 1 ? plotWidth / Double(labels.count - 1) : 0
        func point(_ index: Int, _ value: Int) -> (x: Double, y: Double) {
            (Double(left) + step * Double(index), Double(top) + plotHeight * (1 - Double(value) / maximum))
        }
        var svg = open(height: height, title: title)
        let baseline = Self.number(Double(top) + plotHeight)
        svg += "<line x1=\"\(left)\" y1=\"\(baseline)\" x2=\"\(width - right)\" y2=\"\(baseline)\" stroke=\"#cccccc\"/>"
        for (index, label) in labels.enumerated() {
            let x = Self.number(point(index, 0).x)
            svg += "<text x=\"\(x)\" y=\"\(height - 8)\" text-anchor=\"middle\">\(Self.escape(label))</text>"
        }
        if let secondary {
            svg += polyline(secondary.values.enumerated().map { point($0.offset, $0.element) }, color: secondaryColor, dashed: true)
        }
        let points = primary.values.enumerated().map { point($0.offset, $0.element) }
        svg += polyline(points, color: barColor, dashed: false)
        for (index, value) in primary.values.enumerated() {
            let p = points[index]
            svg += "<circle cx=\"\(Self.number(p.x))\" cy=\"\(Self.number(p.y))\" r=\"3\" fill=\"\(barColor)\"/>"
            svg += "<text x=\"\(Self.number(p.x))\" y=\"\(Self.number(p.y - 8))\" text-anchor=\"middle\">\(value)</text>"
        }
        svg += legend(primary.name, color: barColor, x: left, dashed: false)
        if let secondary { svg += legend(secondary.name, color: secondaryColor, x: left + 120, dashed: true) }
        return svg + "</svg>"
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
