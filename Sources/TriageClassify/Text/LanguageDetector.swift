/// Guesses a text's language (BCP 47) from its script and, for Latin script, from stopwords and letters.
///
/// Script first: kana → `ja`, Hangul → `ko`, Han without kana → `zh`, Cyrillic → `ru`, Greek → `el`, Arabic →
/// `ar`. Latin text scores each of en, de, fr, es, it, pt, nl, sv and pl by its common function words (see
/// ``LanguageDetector+Stopwords.swift``) plus a bonus for letters only that language uses (ß, ñ, ã, å, ł…).
/// Returns `und` (undetermined) when nothing matches.
public struct LanguageDetector: Sendable {
    public init() {}

    /// The language of `text`, e.g. `en`, `de`, `ja`; `und` when unknown.
    public func detect(_ text: String) -> String {
        detect(text, words: nil)
    }

    /// Like ``detect(_:)``, reusing the text's ``TextNormalizer/words(_:)`` when the caller has them.
    public func detect(_ text: String, words: [String]?) -> String {
        var kana = 0, han = 0, hangul = 0, cyrillic = 0, greek = 0, arabic = 0, latin = 0
        var bonus: [String: Int] = [:]
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: latin += 1
            case 0x3040...0x30FF: kana += 1
            case 0x3400...0x4DBF, 0x4E00...0x9FFF: han += 1
            case 0xAC00...0xD7AF: hangul += 1
            case 0x0400...0x04FF: cyrillic += 1
            case 0x0370...0x03FF: greek += 1
            case 0x0600...0x06FF: arabic += 1
            default: break
            }
            if scalar.value >= 0xA0, let language = Self.distinctiveLetters[scalar] { bonus[language, default: 0] += 1 }
        }
        let scripts = [("ja", kana), ("ko", hangul), ("ru", cyrillic), ("el", greek), ("ar", arabic)]
        if kana > 0 && kana + han >= latin { return "ja" }
        if han > 0 && han >= latin && han >= cyrillic { return "zh" }
        if let top = scripts.max(by: { $0.1 < $1.1 }), top.1 > latin { return top.0 }
        guard latin > 0 else { return "und" }

        var scores: [String: Double] = [:]
        for word in words ?? TextNormalizer.words(text) {
            for language in Self.stopwords[word] ?? [] { scores[language, default: 0] += 1 }
        }
        for (language, count) in bonus { scores[language, default: 0] += 1.5 * Double(min(count, 4)) }
        guard let best = scores.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), best.value > 0 else { return "und" }
        return best.key
    }
}
