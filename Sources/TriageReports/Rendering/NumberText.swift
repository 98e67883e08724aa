import Foundation

/// Locale-independent number formatting for digests, so output is the same on every machine.
enum NumberText {
    /// `1234567` → `1,234,567`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// A share 0…1 as a whole percentage: `0.384` → `38%`; below 1% but above zero → `<1%`.
    static func percent(_ share: Double) -> String {
        guard share.isFinite else { return "–" }
        if share > 0, share < 0.005 { return "<1%" }
        return "\(Int((share * 100).rounded()))%"
    }

    /// `part` of `whole` as a whole percentage, `0%` when `whole` is zero.
    static func percent(_ part: Int, of whole: Int) -> String {
        whole > 0 ? percent(Double(part) / Double(whole)) : "0%"
    }

    /// Relative change: `+12%`, `-5%`, `±0%`; `nil` when there is nothing to compare with.
    static func change(from previous: Int, to current: Int) -> String? {
        guard previous > 0 else { return nil }
        let relative = Int((Double(current - previous) / Double(previous) * 100).rounded())
        return relative > 0 ? "+\(relative)%" : relative < 0 ? "\(relative)%" : "±0%"
    }

    /// US dollars: `$12.40`, `$0.42`, and four decimals below a cent (`$0.0031`).
    static func usd(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        if value != 0, abs(value) < 0.01 { return String(format: "$%.4f", value) }
        let cents = Int((abs(value) * 100).rounded())
        return (value < 0 ? "-$" : "$") + count(cents / 100) + String(format: ".%02d", cents % 100)
    }

    /// Token counts: `950`, `12.3k`, `4.56M`.
    static func tokens(_ value: Int) -> String {
        switch value {
        case ..<1_000: "\(value)"
        case ..<1_000_000: String(format: "%.1fk", Double(value) / 1_000)
        default: String(format: "%.2fM", Double(value) / 1_000_000)
        }
    }

    /// A duration in minutes as `45 min`, `3 h 20 min`, `2 d 4 h`.
    static func duration(minutes: Int) -> String {
        let minutes = max(0, minutes)
        switch minutes {
        case ..<60: return "\(minutes) min"
        case ..<(24 * 60): return minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(minutes % 60) min"
        default:
            let hours = (minutes / 60) % 24
            return hours == 0 ? "\(minutes / 1440) d" : "\(minutes / 1440) d \(hours) h"
        }
    }
}
