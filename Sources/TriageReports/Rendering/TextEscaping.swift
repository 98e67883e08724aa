/// Making ticket-derived text safe for each output format.
public enum TextEscaping {
    /// Collapses line breaks, tabs and other control characters into single spaces, so one value is one line, and
    /// drops bidirectional overrides (U+202A–202E, U+2066–2069), which could make a subject display reordered.
    public static func oneLine(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value) { continue }
            if scalar.properties.generalCategory == .control || scalar == " " || scalar == "\u{2028}" || scalar == "\u{2029}" {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.unicodeScalars.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Backslash-escapes what Markdown would read as markup: `\ ` * _ [ ] ( ) < > # | ~` anywhere, and a leading
    /// `-`, `+` or `!`, so a subject can neither format nor link nor inject HTML.
    public static func markdown(_ text: String) -> String {
        let specials: Set<Character> = ["\\", "`", "*", "_", "[", "]", "(", ")", "<", ">", "#", "|", "~"]
        var result = ""
        for (offset, character) in text.enumerated() {
            if specials.contains(character) || (offset == 0 && ["-", "+", "!"].contains(character)) {
                result.append("\\")
            }
            result.append(character)
        }
        return result
    }
}
