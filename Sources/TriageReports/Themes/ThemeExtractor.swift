import Foundation

/// Finds the day's recurring topics in ticket subjects, summaries and tags. Pure and deterministic.
///
/// Each ticket is one document. Its text is lower-cased and cut into words; stopwords, numbers and punctuation
/// break the text into runs, and every 1-, 2- and 3-word phrase inside a run is a candidate (a tag is a phrase as is).
/// A phrase counts once per ticket. Phrases seen in at least ``minimumTickets`` tickets are grouped: the most
/// frequent phrase seeds a group and every later phrase sharing a word with the seed joins it. A group is
/// labelled by its longest phrase that still covers at least half the seed's tickets, so
/// `password` (9), `password reset` (7), `reset` (7) become one theme `password reset` (9 tickets).
public struct ThemeExtractor: Sendable {
    /// One ticket's text.
    public struct Document: Sendable, Hashable {
        public var texts: [String]
        public var tags: [String]

        /// - Parameters:
        ///   - texts: subject, one-line summary… (free text, split into phrases)
        ///   - tags: labels kept whole (`refund-request` counts as the phrase `refund request`)
        public init(texts: [String], tags: [String] = []) {
            self.texts = texts
            self.tags = tags
        }
    }

    public var stopwords: Set<String>
    public var minimumTickets: Int
    public var maximumThemes: Int
    public var maximumPhraseLength: Int

    public init(stopwords: Set<String> = ThemeExtractor.defaultStopwords, minimumTickets: Int = 2,
                maximumThemes: Int = 8, maximumPhraseLength: Int = 3) {
        self.stopwords = stopwords
        self.minimumTickets = max(1, minimumTickets)
        self.maximumThemes = maximumThemes
        self.maximumPhraseLength = max(1, maximumPhraseLength)
    }

    /// The themes of `documents`, most tickets first.
    public func themes(in documents: [Document]) -> [Theme] {
        // `phrases(of:)` is a set, so each ticket index is appended at most once per phrase.
        var ticketsByPhrase: [String: [Int]] = [:]
        for (index, document) in documents.enumerated() {
            for phrase in phrases(of: document) { ticketsByPhrase[phrase, default: []].append(index) }
        }
        let candidates = ticketsByPhrase
            .filter { $0.value.count >= minimumTickets }
            .map { Candidate(phrase: $0.key, tickets: $0.value) }
            .sorted()
        var groups: [[Candidate]] = []
        for candidate in candidates {
            if let index = groups.firstIndex(where: { !$0[0].words.isDisjoint(with: candidate.words) }) {
                groups[index].append(candidate)
            } else if groups.count < maximumThemes {
                groups.append([candidate])
            }
        }
        return groups.map(theme(of:)).sorted {
            $0.tickets != $1.tickets ? $0.tickets > $1.tickets : $0.label < $1.label
        }
    }

    /// The distinct phrases of one document.
    func phrases(of document: Document) -> Set<String> {
        var result: Set<String> = []
        for text in document.texts {
            for run in runs(in: text) {
                for length in 1...maximumPhraseLength where length <= run.count {
                    for start in 0...(run.count - length) {
                        result.insert(run[start..<(start + length)].joined(separator: " "))
                    }
                }
            }
        }
        for tag in document.tags {
            let words = Self.words(in: tag)
            if !words.isEmpty { result.insert(words.joined(separator: " ")) }
        }
        return result
    }

    /// Maximal sequences of words with no stopword, number or punctuation in between; a repeated word counts once.
    func runs(in text: String) -> [[String]] {
        var runs: [[String]] = []
        for clause in text.split(whereSeparator: Self.clauseBreaks.contains) {
            var current: [String] = []
            for word in Self.words(in: String(clause)) {
                if stopwords.contains(word) || word.count < 2 || word.allSatisfy(\.isNumber) {
                    if !current.isEmpty { runs.append(current) }
                    current = []
                } else if current.last != word {
                    current.append(word)
                }
            }
            if !current.isEmpty { runs.append(current) }
        }
        return runs
    }

    /// Characters that end a phrase.
    static let clauseBreaks: Set<Character> = Set(",.;:!?()[]{}<>\"/|\n\r\t–—")

    /// Lower-cased words: letters and digits, with inner apostrophes kept (`can't`; `’` is read as `'`).
    static func words(in text: String) -> [String] {
        var words: [String] = []
        var current = ""
        func finish() {
            while current.last == "'" { current.removeLast() }
            if !current.isEmpty { words.append(current) }
            current = ""
        }
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if character == "'" || character == "’" {
                if !current.isEmpty { current.append("'") }
            } else {
                finish()
            }
        }
        finish()
        return words
    }

    private func theme(of group: [Candidate]) -> Theme {
        let seed = group[0]
        let label = group
            .filter { $0.tickets.count * 2 >= seed.tickets.count }
            .max { ($0.words.count, $0.tickets.count, $1.phrase) < ($1.words.count, $1.tickets.count, $0.phrase) }
            ?? seed
        let tickets = group.reduce(into: Set<Int>()) { $0.formUnion($1.tickets) }
        return Theme(label: label.phrase, tickets: tickets.count,
                     relatedPhrases: group.filter { $0.phrase != label.phrase }.map(\.phrase))
    }
}

/// A phrase and the tickets that mention it; sorts most tickets first, then longer phrases, then alphabetically.
private struct Candidate: Comparable {
    let phrase: String
    let tickets: [Int]
    let words: Set<String>

    init(phrase: String, tickets: [Int]) {
        self.phrase = phrase
        self.tickets = tickets
        self.words = Set(phrase.split(separator: " ").map(String.init))
    }

    static func < (lhs: Candidate, rhs: Candidate) -> Bool {
        if lhs.tickets.count != rhs.tickets.count { return lhs.tickets.count > rhs.tickets.count }
        if lhs.words.count != rhs.words.count { return lhs.words.count > rhs.words.count }
        return lhs.phrase < rhs.phrase
    }
}
