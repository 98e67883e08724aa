import Foundation

/// Typed field reading with the Rails conventions of legacy exports: `nil="true"` is absent, `type="integer"`
/// must hold an integer, `type="boolean"` a boolean, `type="datetime"` a timestamp.
extension XMLTreeElement {
    /// Whether the element is marked `nil="true"` (Rails' way of writing a null).
    var isNil: Bool { attribute("nil") == "true" }

    /// The trimmed text at `path`; `nil` when absent, empty or `nil="true"`.
    func string(_ path: String) -> String? {
        let raw: String
        if Self.isSimpleName(path) {
            guard let element = child(path), !element.isNil else { return nil }
            raw = element.text
        } else {
            if !path.contains("@"), let element = element(at: path), element.isNil { return nil }
            guard let value = value(at: path) else { return nil }
            raw = value
        }
        return Self.trimmed(raw)
    }

    /// `text` without surrounding whitespace; `nil` when nothing is left. Skips Foundation when nothing needs trimming.
    static func trimmed(_ text: String) -> String? {
        guard let first = text.utf8.first, let last = text.utf8.last else { return nil }
        if !isBlank(first) && !isBlank(last) { return text }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0xC2 || byte == 0xE2 || byte == 0xE3
    }

    /// The integer at `path`; `nil` when absent. Throws when present but not an integer.
    func integer(_ path: String) throws -> Int? {
        guard let text = string(path) else { return nil }
        guard let value = Int(text) else {
            throw XMLFieldProblem(field: path, message: "`\(text)` is not an integer", line: element(at: path)?.line)
        }
        return value
    }

    /// The boolean at `path` (`true`/`false`, `1`/`0`, `yes`/`no`); `nil` when absent or unreadable.
    func boolean(_ path: String) -> Bool? {
        switch string(path)?.lowercased() {
        case "true", "1", "yes", "y", "t": true
        case "false", "0", "no", "n", "f": false
        default: nil
        }
    }

    /// The timestamp at `path`; `nil` when absent. An unreadable one is `nil` plus a warning in `warnings`.
    func date(_ path: String, zone: TimeZone, warnings: inout [XMLFieldProblem]) -> Date? {
        guard let text = string(path) else { return nil }
        if let date = FlexibleDateParser(defaultTimeZone: zone).date(from: text) { return date }
        warnings.append(XMLFieldProblem(field: path, message: "`\(text)` is not a timestamp this importer reads; left empty",
                                        line: element(at: path)?.line))
        return nil
    }
}
