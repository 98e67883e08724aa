import Foundation

/// Normalizes mail subjects so a reply and its original compare equal (thread fallback key).
///
/// Strips, repeatedly, reply and forward prefixes (`Re:`, `RE[2]:`, `Fwd:`, `FW:`, `AW:`, `WG:`, `SV:`,
/// `VS:`, `Antw:`, `TR:`, `RV:`, `R:`, `Réf. :`, `回复:`, `转发:`, full-width colons), bracketed tags such as
/// `[#1234]`, `[EXTERNAL]` or `[list-name]`, then collapses white space and lower-cases.
public enum SubjectNormalizer {
    public static func normalize(_ subject: String) -> String {
        var text = Substring(subject.replacingFullWidthColon())
        var changed = true
        var rounds = 0
        while changed && rounds < 50 {
            changed = false
            rounds += 1
            text = text.drop { $0 == " " || $0 == "\t" }
            if text.first == "[" || text.first == "(" {
                let closing: Character = text.first == "[" ? "]" : ")"
                if let end = text.firstIndex(of: closing), text.distance(from: text.startIndex, to: end) <= 40 {
                    text = text[text.index(after: end)...]
                    changed = true
                    continue
                }
            }
            if let colon = text.firstIndex(of: ":"), text.distance(from: text.startIndex, to: colon) <= 8 {
                var prefix = text[..<colon].lowercased().trimmingCharacters(in: " \t.")
                // RE[2], Re^2, RE(3)
                if let bracket = prefix.firstIndex(where: { $0 == "[" || $0 == "(" || $0 == "^" }) {
                    let digits = prefix[prefix.index(after: bracket)...].filter { $0.isNumber }
                    if !digits.isEmpty { prefix = String(prefix[..<bracket]) }
                }
                if replyPrefixes.contains(prefix) {
                    text = text[text.index(after: colon)...]
                    changed = true
                }
            }
        }
        var output = ""
        var pendingSpace = false
        for character in text {
            if character == " " || character == "\t" || character == "\n" || character == "\r" {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace { output.append(" ") }
                pendingSpace = false
                output.append(character)
            }
        }
        return output.lowercased()
    }

    /// Whether `subject` starts (after bracketed tags) with a reply or forward prefix (`Re:`, `AW:`, `Fwd:`…).
    public static func hasReplyPrefix(_ subject: String) -> Bool {
        var text = Substring(subject.replacingFullWidthColon())
        for _ in 0..<10 {
            text = text.drop { $0 == " " || $0 == "\t" }
            guard text.first == "[" || text.first == "(" else { break }
            let closing: Character = text.first == "[" ? "]" : ")"
            guard let end = text.firstIndex(of: closing), text.distance(from: text.startIndex, to: end) <= 40 else { break }
            text = text[text.index(after: end)...]
        }
        guard let colon = text.firstIndex(of: ":"), text.distance(from: text.startIndex, to: colon) <= 8 else { return false }
        var prefix = text[..<colon].lowercased().trimmingCharacters(in: " \t.")
        if let bracket = prefix.firstIndex(where: { $0 == "[" || $0 == "(" || $0 == "^" }) {
            prefix = String(prefix[..<bracket])
        }
        return replyPrefixes.contains(prefix)
    }

    private static let replyPrefixes: Set<String> = [
        "re", "fw", "fwd", "aw", "wg", "sv", "vs", "antw", "antwort", "tr", "rv", "r", "ref", "réf", "rif",
        "enc", "res", "odp", "pd", "vl", "fs", "回复", "回覆", "转发", "轉寄", "答复", "返信", "転送",
    ]
}

extension String {
    fileprivate func replacingFullWidthColon() -> String {
        contains("：") ? replacingOccurrences(of: "：", with: ":") : self
    }

    fileprivate func trimmingCharacters(in set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }
}

extension Substring {
    fileprivate func lowercased() -> String { String(self).lowercased() }
}
