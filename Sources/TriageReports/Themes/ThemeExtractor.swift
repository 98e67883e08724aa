import Foundation

/// Finds the topics that set one day's tickets apart, in ticket subjects, summaries and tags. Pure and deterministic.
///
/// Each ticket is one document. Its text is lower-cased and cut into words; stopwords, numbers and punctuation
/// break the text into runs, and every 1-, 2- and 3-word phrase inside a run is a candidate (a tag is a phrase as is).
/// A phrase counts once per ticket; phrases in ``stopPhrases`` (or made only of such words) are never themes.
///
/// **Distinctive, not frequent.** Given the tickets of the earlier weeks as a baseline, each phrase seen in at least
/// ``minimumTickets`` of the day's tickets is scored by the smoothed log-odds ratio of a ticket mentioning it on the
/// day against the baseline, divided by its standard error (a z-score; the prior is the pooled rate with weight
/// ``priorWeight``, so rare phrases are not inflated). Phrases below ``minimumScore`` are dropped: what every week
/// says ("order", "account", "every time") is not news. Without a baseline the score is the day's ticket count.
///
/// The best-scoring phrase seeds a group and every later phrase sharing a word with the seed joins it. A group is
/// labelled by its longest phrase that still covers at least half the seed's tickets, so `password` (9),
/// `password reset` (7), `reset` (7) become one theme `password reset` (9 tickets).
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
    /// Phrases that are never a theme on their own (they may still sit inside a longer phrase).
    public var stopPhrases: Set<String>
    public var minimumTickets: Int
    public var maximumThemes: Int
    public var maximumPhraseLength: Int
    /// Weight of the pooled-rate prior, in tickets, added to both the day and the baseline.
    public var priorWeight: Double
    /// Smallest z-score a phrase needs against the baseline (1.96: two-sided 5 %).
    public var minimumScore: Double

    public init(stopwords: Set<String> = ThemeExtractor.defaultStopwords,
                stopPhrases: Set<String> = ThemeExtractor.defaultStopPhrases, minimumTickets: Int = 2,
                maximumThemes: Int = 8, maximumPhraseLength: Int = 3, priorWeight: Double = 10, minimumScore: Double = 1.96) {
        self.stopwords = stopwords
        self.stopPhrases = stopPhrases
        self.minimumTickets = max(1, minimumTickets)
        self.maximumThemes = maximumThemes
        self.maximumPhraseLength = max(1, maximumPhraseLength)
        self.priorWeight = max(0.01, priorWeight)
        self.minimumScore = minimumScore
    }

    /// The themes of `documents`, most distinctive first.
    /// - Parameter baseline: the tickets of the earlier weeks; empty: rank by the day's ticket counts alone.
    public func themes(in documents: [Document], comparedWith baseline: [Document] = []) -> [Theme] {
        // `phrases(of:)` is a set, so each ticket index is appended at most once per phrase.
        var ticketsByPhrase: [String: [Int]] = [:]
        for (index, document) in documents.enumerated() {
            for phrase in phrases(of: document) { ticketsByPhrase[phrase, default: []].append(index) }
        }
        ticketsByPhrase = ticketsByPhrase.filter { $0.value.count >= minimumTickets && !isStopPhrase($0.key) }
        var baselineCounts: [String: Int] = [:]
        for document in baseline {
            for phrase in phrases(of: document) where ticketsByPhrase[phrase] != nil { baselineCounts[phrase, default: 0] += 1 }
        }
        let candidates = ticketsByPhrase.compactMap { phrase, tickets -> Candidate? in
            let score = baseline.isEmpty ? Double(tickets.count)
                : Self.score(day: tickets.count, of: documents.count, baseline: baselineCounts[phrase] ?? 0, of: baseline.count,
                             priorWeight: priorWeight)
            guard baseline.isEmpty || score >= minimumScore else { return nil }
            return Candidate(phrase: phrase, tickets: tickets, score: score)
        }.sorted()
        var groups: [[Candidate]] = []
        for candidate in candidates {
            if let index = groups.firstIndex(where: { !$0[0].words.isDisjoint(with: candidate.words) }) {
                groups[index].append(candidate)
            } else if groups.count < maximumThemes {
                groups.append([candidate])
            }
        }
        return groups.map { group in
            var theme = theme(of: group)
            if !baseline.isEmpty { theme.baselineShare = Double(baselineCounts[theme.label] ?? 0) / Double(baseline.count) }
            return theme
        }
    }

    /// The z-score of the smoothed log-odds ratio: a phrase in `day` of `dayTotal` tickets against `baseline` of
    /// `baselineTotal`, with the pooled rate as an informative prior of weight `priorWeight`. Positive when the
    /// phrase is more common on the day.
    public static func score(day: Int, of dayTotal: Int, baseline: Int, of baselineTotal: Int, priorWeight: Double = 10) -> Double {
        guard dayTotal > 0, baselineTotal > 0 else { return 0 }
        let pooled = Double(day + baseline) / Double(dayTotal + baselineTotal)
        let alpha = priorWeight * pooled, beta = priorWeight * (1 - pooled)
        let dayIn = Double(day) + alpha, dayOut = Double(dayTotal - day) + beta
        let baseIn = Double(baseline) + alpha, baseOut = Double(baselineTotal - baseline) + beta
        let delta = log(dayIn / dayOut) - log(baseIn / baseOut)
        let variance = 1 / dayIn + 1 / dayOut + 1 / baseIn + 1 / baseOut
        return delta / variance.squareRoot()
    }

    /// Whether `phrase` is a stop phrase, or made only of words that are stop phrases on their own.
    func isStopPhrase(_ phrase: String) -> Bool {
        stopPhrases.contains(phrase) || phrase.split(separator: " ").allSatisfy { stopPhrases.contains(String($0)) }
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

/// A phrase and the tickets that mention it; sorts best score first, then most tickets, then longer phrases, then
/// alphabetically.
private struct Candidate: Comparable {
    let phrase: String
    let tickets: [Int]
    let score: Double
    let words: Set<String>

    init(phrase: String, tickets: [Int], score: Double) {
        self.phrase = phrase
        self.tickets = tickets
        self.score = score
        self.words = Set(phrase.split(separator: " ").map(String.init))
    }

    static func < (lhs: Candidate, rhs: Candidate) -> Bool {
        if lhs.score != rhs.score { return lhs.score > rhs.score }
        if lhs.tickets.count != rhs.tickets.count { return lhs.tickets.count > rhs.tickets.count }
        if lhs.words.count != rhs.words.count { return lhs.words.count > rhs.words.count }
        return lhs.phrase < rhs.phrase
    }
}
