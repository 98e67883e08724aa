/// Which lines can start a reply-trimming marker, by their first two bytes (ASCII letters lower-cased).
///
/// Every marker `ReplyTrimmer` knows (separators, sign-offs, attributions, Outlook `From:` labels) starts with
/// one of a few two-letter prefixes; a line that starts otherwise — almost all prose — is rejected before any
/// lower-casing or string search. Lines starting with `-`, `_` or `*` (rules, `*From:*`) always pass.
enum MarkerGate {
    /// Lower-cased two-byte starts of every marker in `ReplyTrimmer`'s lists.
    private static let starts: Set<UInt16> = {
        let prefixes = [
            // separators (after leading dashes/underscores), e.g. "original message", "begin forwarded message"
            "or", "fo", "be", "ur", "we", "me", "oo",
            // sign-offs: "sent from …", "get outlook …", "von meinem …", "gesendet …", "envoyé …", "enviado …",
            // "inviato …", "verzonden …"
            "se", "ge", "vo", "en", "in", "ve",
            // attributions: "on ", "am ", "le ", "el ", "il ", "op ", "den ", "em ", "w dniu "
            "on", "am", "le", "el", "il", "op", "de", "em", "w ",
            // Outlook header labels: "from:", "von:", "de :", "da:", "van:"
            "fr", "da", "va",
        ]
        return Set(prefixes.map { key(Array($0.utf8)[0], Array($0.utf8)[1]) })
    }()

    private static func key(_ a: UInt8, _ b: UInt8) -> UInt16 { UInt16(a) << 8 | UInt16(b) }

    private static func lower(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    /// Whether a line (already trimmed of leading blanks) may be a marker.
    static func mayStartMarker(_ line: Substring.UTF8View) -> Bool {
        guard let first = line.first else { return false }
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "_") || first == UInt8(ascii: "*") { return true }
        let secondIndex = line.index(after: line.startIndex)
        guard secondIndex < line.endIndex else { return false }
        return starts.contains(key(lower(first), lower(line[secondIndex])))
    }
}
