/// Aligns rows of cells into fixed-width plain-text lines: the CLI's tables (`list`, `outbox`, `batches`) and the
/// text digest's. Columns are padded to their widest cell (counted in characters), cells are separated by `gap`,
/// every line starts with `indent`, and trailing spaces are removed.
public struct TextTable: Sendable {
    /// The first row, when there is one (`render()` prints it like any row).
    public var headers: [String]?
    public var rows: [[String]]
    /// Columns whose cells are right-aligned (numbers).
    public var rightAligned: Set<Int>
    public var indent: String
    public var gap: String

    public init(headers: [String]? = nil, rows: [[String]] = [], rightAligned: Set<Int> = [], indent: String = "",
                gap: String = "  ") {
        self.headers = headers
        self.rows = rows
        self.rightAligned = rightAligned
        self.indent = indent
        self.gap = gap
    }

    /// One line per row (headers first).
    public func lines() -> [String] {
        let all = (headers.map { [$0] } ?? []) + rows
        let columns = all.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in all.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return all.map { row in
            let cells = row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }
            let line = indent + cells.joined(separator: gap)
            return String(line.reversed().drop(while: { $0 == " " }).reversed())
        }
    }

    /// The lines joined by newlines (no final newline).
    public func render() -> String { lines().joined(separator: "\n") }

    /// `text` padded with spaces on the right to `width` characters.
    public static func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// A bar of `#` proportional to `value / maximum`, at most `width` long; at least one `#` for a non-zero value.
    public static func bar(_ value: Int, of maximum: Int, width: Int = 20) -> String {
        guard maximum > 0, value > 0 else { return "" }
        return String(repeating: "#", count: max(1, Int((Double(value) / Double(maximum) * Double(width)).rounded())))
    }

    /// Shortens `text` to `width` characters with an ellipsis, on one line, control characters made visible.
    public static func clip(_ text: String, _ width: Int) -> String {
        let flat = DisplayText.line(text)
        return flat.count <= width ? flat : String(flat.prefix(width - 1)) + "…"
    }
}
