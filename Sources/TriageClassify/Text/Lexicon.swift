/// Lists of words and phrases matched against normalized text, token by token, in one pass.
///
/// Entries are normalized like the text (``TextNormalizer``), so `"Dringend"` matches `"dringend"` and `"não"`
/// matches `"nao"`; a phrase matches only as a whole sequence of tokens (`"down"` does not match `"download"`).
/// A lexicon holds several lists (e.g. urgent terms, positive terms); ``matches(in:)`` reports each list's hits.
public struct Lexicon: Sendable, Hashable {
    private struct Phrase: Sendable, Hashable {
        var tokens: [String]
        var list: Int
    }

    /// Normalized phrases keyed by their first token.
    private let phrases: [String: [Phrase]]
    /// The lists as written.
    public let lists: [[String]]

    /// A lexicon of several lists; results come back in the same order.
    public init(lists: [[String]]) {
        self.lists = lists
        var phrases: [String: [Phrase]] = [:]
        for (list, entries) in lists.enumerated() {
            for entry in entries {
                let tokens = TextNormalizer.words(entry)
                if let first = tokens.first { phrases[first, default: []].append(Phrase(tokens: tokens, list: list)) }
            }
        }
        self.phrases = phrases
    }

    /// A lexicon of one list.
    public init(_ entries: [String]) {
        self.init(lists: [entries])
    }

    /// Per list, the distinct phrases (normalized, space-joined) found in `tokens`, in order of first occurrence.
    public func matches(in tokens: [String]) -> [[String]] {
        var found = Array(repeating: [String](), count: lists.count)
        for start in tokens.indices {
            guard let candidates = phrases[tokens[start]] else { continue }
            for phrase in candidates where start + phrase.tokens.count <= tokens.count {
                if tokens[start..<(start + phrase.tokens.count)].elementsEqual(phrase.tokens) {
                    let joined = phrase.tokens.joined(separator: " ")
                    if !found[phrase.list].contains(joined) { found[phrase.list].append(joined) }
                }
            }
        }
        return found
    }
}
