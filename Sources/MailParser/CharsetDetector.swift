/// Guesses the charset of 8-bit text that declares none (and is not valid UTF-8) from its bytes.
///
/// Each candidate is decoded and scored on what real text looks like: letters of one script per word,
/// mostly lower case, no case changes inside a word, no control characters or symbols between letters.
/// A single-byte charset read with the wrong table breaks exactly these (KOI8-R read as windows-1252 gives
/// words of upper-case accented Latin letters; windows-1251 read as KOI8-R gives upper-case Cyrillic).
/// Ties go to the earlier candidate, so the list is also a preference order.
public enum CharsetDetector {
    /// The candidates tried for undeclared text, in order of preference.
    public static let defaultCandidates = ["windows-1252", "windows-1251", "koi8-r", "iso-8859-2", "iso-8859-7"]

    /// How much a later candidate must score above the first to be chosen.
    static let margin = 6

    /// The candidate whose reading of `bytes` looks most like text, with that text; `nil` when no candidate decodes.
    public static func detect(_ bytes: [UInt8], candidates: [String] = defaultCandidates) -> (charset: String, text: String)? {
        var best: (charset: String, text: String, score: Int)?
        for candidate in candidates {
            let name = Charset.normalizedName(candidate)
            let text: String
            switch name {
            case "windows-1252": text = Charset.windows1252(bytes)
            case "iso-8859-1": text = Charset.latin1(bytes)
            default:
                guard let decoded = Charset.iconvDecode(bytes, from: name), decoded.clean else { continue }
                text = decoded.text
            }
            var value = score(text)
            // Another table must clearly beat the preferred one: short or ambiguous text keeps the first choice.
            if best != nil { value -= margin }
            if best == nil || value > best!.score { best = (candidate, text, value) }
        }
        return best.map { ($0.charset, $0.text) }
    }

    /// Higher is more text-like. Judged word by word (a word = a run of letters and the symbols inside it):
    /// - a word of non-Latin letters only (Cyrillic, Greek…) is plausible; mixed with Latin letters it is not;
    /// - accented Latin letters are plausible as a minority in a word of ASCII letters (`Frösche`), not as a
    ///   word of their own (`Çäðàâñòâóéòå` is windows-1251 read as windows-1252);
    /// - an upper-case letter after a lower-case one, a symbol between letters, a control character: wrong table.
    static func score(_ text: String) -> Int {
        var total = 0
        var ascii = 0, latin = 0, other = 0, symbols = 0, caseBreaks = 0
        var previousLower = false

        func closeWord() {
            if ascii + latin + other > 0 {
                if other > 0 {
                    total += (ascii + latin == 0) ? 2 * other : -3 * other
                }
                if latin > 0 {
                    total += latin <= max(1, ascii) ? 2 * latin : -2 * latin
                }
                total -= 3 * caseBreaks + 3 * symbols
            }
            ascii = 0; latin = 0; other = 0; symbols = 0; caseBreaks = 0
            previousLower = false
        }

        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let isLetter = (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
                if isLetter {
                    let lower = value >= 0x61
                    if previousLower && !lower { caseBreaks += 1 }
                    previousLower = lower
                    ascii += 1
                } else {
                    closeWord()
                }
                continue
            }
            if value == 0xFFFD || value < 0xA0 {
                total -= 5
                continue
            }
            let properties = scalar.properties
            if properties.isAlphabetic {
                let lower = properties.isLowercase
                if previousLower && !lower && properties.isUppercase { caseBreaks += 1 }
                previousLower = lower
                if value <= 0x24F { latin += 1 } else { other += 1 }
            } else if value == 0xA0 || properties.isWhitespace {
                closeWord()
            } else if properties.generalCategory == .initialPunctuation || properties.generalCategory == .finalPunctuation {
                // Typographic quotes and apostrophes (c’est) belong to text in every charset that has them.
                continue
            } else if ascii + latin + other > 0 {
                // A symbol right after letters: inside a word unless the word ends here.
                symbols += 1
            } else {
                total -= 1
            }
        }
        closeWord()
        return total
    }
}
