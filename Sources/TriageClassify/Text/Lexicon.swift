/// A list of words and phrases matched against normalized text, token by token.
///
/// Entries are normalized like the text (``TextNormalizer``), so `"Dringend"` matches `"dringend"` and `"não"`
/// matches `"nao"`; a phrase matches only as a whole sequence of tokens (`"down"` does not match `"download"`).
public struct Lexicon: Sendable, Hashable {
    /// Normalized phrases keyed by their first token.
    private let phrases: [String: [[String]]]
    /// The entries as written.
    public let entries: [String]

    public init(_ entries: [String]) {
        self.entries = entries
        var phrases: [String: [[String]]] = [:]
        for entry in entries {
            let tokens = TextNormalizer.words(entry)
            if let first = tokens.first { phrases[first, default: []].append(tokens) }
        }
        self.phrases = phrases
    }

    /// The distinct phrases (normalized, space-joined) found in `tokens`, in order of first occurrence.
    public func matches(in tokens: [String]) -> [String] {
        var found: [String] = []
        for start in tokens.indices {
            guard let candidates = phrases[tokens[start]] else { continue }
            for phrase in candidates where start + phrase.count <= tokens.count {
                if Array(tokens[start..<(start + phrase.count)]) == phrase {
                    let joined = phrase.joined(separator: " ")
                    if !found.contains(joined) { found.append(joined) }
                }
            }
        }
        return found
    }
}
