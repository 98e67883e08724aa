/// Aligns rows of cells into fixed-width plain-text lines.
struct TextTable {
    var rows: [[String]]
    /// Columns whose cells are right-aligned (numbers).
    var rightAligned: Set<Int> = []
    var indent = "  "
    var gap = "  "

    /// One line per row; columns padded to their widest cell, trailing spaces removed.
    func lines() -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            let cells = row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }
            let line = indent + cells.joined(separator: gap)
            return String(line.reversed().drop(while: { $0 == " " }).reversed())
        }
    }

    /// `text` padded with spaces on the right to `width` characters.
    static func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// A bar of `#` proportional to `value / maximum`, at most `width` long; at least one `#` for a non-zero value.
    static func bar(_ value: Int, of maximum: Int, width: Int = 20) -> String {
        guard maximum > 0, value > 0 else { return "" }
        return String(repeating: "#", count: max(1, Int((Double(value) / Double(maximum) * Double(width)).rounded())))
    }
}
