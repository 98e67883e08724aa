/// Removes quoted replies, forwarded blocks and signatures from a message body, keeping what the author
/// wrote in this message: the part a classifier should read.
///
/// Cuts at the first of: an attribution line (`On … wrote:`, `Am … schrieb …:`, `Le … a écrit :`,
/// `El … escribió:`, `Il … ha scritto:`, `Op … schreef …:`), an Outlook header block (`From:` followed by
/// `Sent:`/`Date:` and `To:`/`Subject:`, also `Von:`/`Gesendet:`, `De :`/`Envoyé :`), an original/forwarded
/// message marker, a signature delimiter (`-- `) or a mobile sign-off (`Sent from my iPhone`). Lines quoted
/// with `>` are dropped wherever they are. If trimming would leave nothing, the text is returned unchanged.
public enum ReplyTrimmer {
    /// What trimming produced.
    public struct Result: Sendable, Hashable {
        /// The text with quotes and signature removed (or the input when nothing was trimmed).
        public var text: String
        /// Whether anything was removed.
        public var trimmed: Bool
    }

    /// Trims `text`; see the type's documentation for what is removed.
    public static func trim(_ text: String) -> Result {
        // Lines are cut on the UTF-8 view ("\r\n" is one Character, and grapheme breaking every line is slow) and
        // only as far as the scan needs them: the quoted history after a cut marker is never split.
        var splitter = TextLineCursor(text)
        var lines: [Substring] = []
        var kept: [Substring] = []
        var removedSomething = false
        var index = 0
        scan: while true {
            // A marker looks at most five lines ahead (`isOutlookHeader`, `isAttribution`).
            while lines.count < index + 7, let next = splitter.next() { lines.append(next) }
            guard index < lines.count else { break }
            let line = lines[index]
            let trimmedLine = line.trimmingASCIIWhitespace()
            if isCutMarker(trimmedLine, lines: lines, at: index) {
                removedSomething = true
                break scan
            }
            if trimmedLine.hasPrefix(">") {
                removedSomething = true
                index += 1
                continue
            }
            kept.append(line)
            index += 1
        }
        // Corporate valediction near the end ("Best regards," + a few short lines).
        if let cut = valedictionCut(kept) {
            kept.removeSubrange(cut...)
            removedSomething = true
        }
        while let last = kept.last, last.trimmingASCIIWhitespace().isEmpty { kept.removeLast() }
        while let first = kept.first, first.trimmingASCIIWhitespace().isEmpty { kept.removeFirst() }
        guard removedSomething, !kept.isEmpty else { return Result(text: text, trimmed: false) }
        return Result(text: kept.joined(separator: "\n"), trimmed: true)
    }

    /// The `(text, trimmed)` pair, for callers that prefer a tuple.
    public static func trimmed(_ text: String) -> (text: String, trimmed: Bool) {
        let result = trim(text)
        return (result.text, result.trimmed)
    }

    // MARK: - Markers

    private static func isCutMarker(_ line: Substring, lines: [Substring], at index: Int) -> Bool {
        if line == "--" || lines[index] == "-- " || line == "__" { return true }
        guard let first = line.first, line.utf8.count < 400 else { return false }
        // Cheap gate on the first two bytes before any lower-casing or substring search: most lines are prose.
        guard MarkerGate.mayStartMarker(line.utf8) else { return false }
        // Every marker is recognised by its first 40 characters; the whole line is lowered only for attributions.
        let head = line.prefix(40).lowercased()
        if first == "-" || first == "_" || first == "B" || first == "b" || first == "O" || first == "o" || first == "F" || first == "f" {
            let bare = head.drop { $0 == "-" || $0 == "_" || $0 == " " }
            if separatorMarkers.contains(where: { bare.hasPrefix($0) }) { return true }
        }
        if signOffs.contains(where: { head.hasPrefix($0) }) && line.utf8.count < 120 { return true }
        if attributionStarts.contains(where: { head.hasPrefix($0) }), isAttribution(line.lowercased(), lines: lines, at: index) {
            return true
        }
        if isOutlookHeader(head, lines: lines, at: index) { return true }
        return false
    }

    private static let separatorMarkers = [
        "original message", "forwarded message", "begin forwarded message", "ursprüngliche nachricht",
        "weitergeleitete nachricht", "message d'origine", "message transféré", "mensaje original",
        "messaggio originale", "oorspronkelijk bericht",
    ]

    private static let signOffs = [
        "sent from my iphone", "sent from my ipad", "sent from my android", "sent from my samsung",
        "sent from my mobile", "sent from mail for windows", "sent from outlook", "sent from yahoo mail",
        "get outlook for ios", "get outlook for android", "von meinem iphone gesendet", "von meinem ipad gesendet",
        "gesendet von meinem", "envoyé de mon iphone", "envoyé de mon ipad", "enviado desde mi iphone",
        "inviato da iphone", "verzonden vanaf mijn iphone", "sent via the samsung", "sent from my blackberry",
    ]

    /// `On <date>, <name> wrote:` and its translations; the line may wrap once before the verb.
    private static let attributionStarts = ["on ", "am ", "le ", "el ", "il ", "op ", "den ", "em ", "w dniu "]
    private static let attributionVerbs = ["wrote", "schrieb", "a écrit", "escribió", "ha scritto", "schreef", "skrev", "escreveu", "napisał"]

    private static func isAttribution(_ lowered: String, lines: [Substring], at index: Int) -> Bool {
        guard attributionStarts.contains(where: { lowered.hasPrefix($0) }) else { return false }
        var candidate = lowered
        if !candidate.hasSuffix(":"), index + 1 < lines.count {
            candidate += " " + lines[index + 1].trimmingASCIIWhitespace().lowercased()
        }
        guard candidate.hasSuffix(":") || candidate.hasSuffix(": ") else { return false }
        return attributionVerbs.contains(where: { candidate.contains($0) })
    }

    /// `From: …` followed within four lines by `Sent:`/`Date:` and `To:`/`Subject:` (and translations).
    private static func isOutlookHeader(_ lowered: String, lines: [Substring], at index: Int) -> Bool {
        let fromLabels = ["from:", "von:", "de :", "de:", "da:", "van:", "*from:*"]
        guard fromLabels.contains(where: { lowered.hasPrefix($0) }) else { return false }
        var sawDate = false
        var sawTo = false
        for next in lines[(index + 1)..<min(lines.count, index + 6)] {
            let label = next.trimmingASCIIWhitespace().lowercased()
            if ["sent:", "date:", "gesendet:", "datum:", "envoyé :", "envoyé:", "enviado:", "inviato:", "verzonden:", "*sent:*"]
                .contains(where: { label.hasPrefix($0) }) { sawDate = true }
            if ["to:", "subject:", "an:", "betreff:", "à :", "objet :", "para:", "asunto:", "a:", "oggetto:", "aan:", "onderwerp:", "*to:*"]
                .contains(where: { label.hasPrefix($0) }) { sawTo = true }
        }
        return sawDate && sawTo
    }

    private static let valedictions = [
        "best regards", "kind regards", "regards", "best wishes", "warm regards", "many thanks", "thanks,",
        "thanks!", "thank you,", "cheers", "best,", "mit freundlichen grüßen", "viele grüße", "beste grüße",
        "liebe grüße", "cordialement", "bien cordialement", "saludos", "un saluto", "cordiali saluti",
        "met vriendelijke groet", "vänliga hälsningar", "よろしくお願いします", "よろしくお願いいたします",
    ]

    /// Index of a valediction line followed only by a few short lines (name, title, phone), if any.
    private static func valedictionCut(_ lines: [Substring]) -> Int? {
        let lowerBound = max(0, lines.count - 8)
        for index in lowerBound..<lines.count {
            let line = lines[index].trimmingASCIIWhitespace()
            let lowered = line.lowercased()
            guard lowered.count <= 40, let stem = valedictions.first(where: { lowered.hasPrefix($0) }),
                  isOnlyValediction(line.dropFirst(stem.count)) else { continue }
            let rest = lines[(index + 1)...]
            guard rest.count <= 6, rest.allSatisfy({ $0.count <= 60 }) else { continue }
            // Keep something above the sign-off.
            guard lines[..<index].contains(where: { !$0.trimmingASCIIWhitespace().isEmpty }) else { return nil }
            return index
        }
        return nil
    }
}

/// What may follow a valediction on its line: nothing, punctuation, or a short capitalised name
/// (`Cheers, Jake`), but not a sentence (`Thanks, but it still fails.`).
private func isOnlyValediction(_ rest: Substring) -> Bool {
    let words = rest.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "!" || $0 == "-" })
    if words.isEmpty { return !rest.contains(".") || rest.allSatisfy { $0 == "." || $0 == " " } }
    guard words.count <= 3, !rest.contains("."), !rest.contains("?") else { return false }
    return words.allSatisfy { $0.first?.isUppercase == true }
}

/// The lines of a text, one at a time, as `split(separator: "\n", omittingEmptySubsequences: false)` gives
/// them, each without a trailing carriage return.
struct TextLineCursor {
    private var rest: Substring.UTF8View
    private var done = false

    init(_ text: String) {
        rest = text[...].utf8
    }

    mutating func next() -> Substring? {
        guard !done else { return nil }
        var line: Substring.UTF8View
        if let newline = rest.firstIndex(of: 0x0A) {
            line = rest[..<newline]
            rest = rest[rest.index(after: newline)...]
        } else {
            line = rest
            done = true
        }
        if line.last == 0x0D { line = line.dropLast() }
        return Substring(line)
    }
}

extension Substring {
    /// The line without leading and trailing spaces, tabs and no-break spaces (U+00A0), cut on its UTF-8 bytes
    /// (no grapheme breaking: the trimmer runs this on every line of every message).
    func trimmingASCIIWhitespace() -> Substring {
        let bytes = utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end {
            let byte = bytes[start]
            if byte == 0x20 || byte == 0x09 {
                start = bytes.index(after: start)
            } else if byte == 0xC2, bytes.index(after: start) < end, bytes[bytes.index(after: start)] == 0xA0 {
                start = bytes.index(start, offsetBy: 2)
            } else {
                break
            }
        }
        while start < end {
            let last = bytes.index(before: end)
            let byte = bytes[last]
            if byte == 0x20 || byte == 0x09 {
                end = last
            } else if byte == 0xA0, last > start, bytes[bytes.index(before: last)] == 0xC2 {
                end = bytes.index(before: last)
            } else {
                break
            }
        }
        return Substring(bytes[start..<end])
    }
}
