import Foundation

extension EvaluationReport {
    /// Pretty JSON with sorted keys (stable for golden files and scripts).
    public func renderJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// A plain-text report: headline metrics, per-label table, confusion matrix and calibration table.
    public func renderText() -> String {
        var lines: [String] = []
        lines.append("examples: \(count)  accuracy: \(Self.percent(accuracy))  macro-F1: \(Self.fixed(macroF1))  "
            + "ECE: \(Self.fixed(expectedCalibrationError))")
        var extras: [String] = []
        if let cost = costPer1000USD { extras.append("cost per 1,000 tickets: $\(Self.fixed(cost, 4))") }
        if let median = latencyMedianSeconds, let p95 = latencyP95Seconds {
            extras.append("latency median: \(Self.fixed(median * 1000, 1)) ms  p95: \(Self.fixed(p95 * 1000, 1)) ms")
        }
        if !extras.isEmpty { lines.append(extras.joined(separator: "  ")) }
        lines.append("")
        let width = max(5, labels.map(\.count).max() ?? 5)
        lines.append(Self.pad("label", width) + "  precision  recall     f1  support")
        for metric in perLabel {
            lines.append(Self.pad(metric.label, width) + "  " + Self.left(Self.fixed(metric.precision), 9) + "  "
                + Self.left(Self.fixed(metric.recall), 6) + "  " + Self.left(Self.fixed(metric.f1), 5) + "  "
                + Self.left("\(metric.support)", 7))
        }
        lines.append("")
        lines.append("confusion (rows: truth, columns: predicted)")
        let cell = max(4, (confusion.flatMap { $0 }.max() ?? 0).description.count + 1)
        let rowWidth = width + 5
        lines.append(Self.pad("", rowWidth) + labels.indices.map { Self.left("#\($0 + 1)", cell) }.joined())
        for (row, label) in labels.enumerated() {
            lines.append(Self.pad("#\(row + 1) \(label)", rowWidth) + confusion[row].map { Self.left("\($0)", cell) }.joined())
        }
        lines.append("")
        lines.append("calibration   count  accuracy  mean confidence")
        for bucket in calibration where bucket.count > 0 {
            lines.append(Self.pad("\(Self.fixed(bucket.lower, 1))–\(Self.fixed(bucket.upper, 1))", 12) + Self.left("\(bucket.count)", 7)
                + "  " + Self.left(Self.percent(bucket.accuracy), 8) + "  " + Self.left(Self.fixed(bucket.meanConfidence), 15))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func fixed(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }
    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
    static func left(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
