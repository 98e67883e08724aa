import Foundation

/// Picks a ticket's most informative sentences, in their original order, within a word limit.
///
/// Each sentence scores the sum of its distinct terms' weights, `tf(term in ticket) × log(1 + sentences /
/// sentences containing term)`, divided by the square root of its length; words of the subject count double and
/// the first sentence gets a 1.5× bonus (customers tend to state the problem first). Sentences are added best first
/// while they fit; if even the best one does not fit it is cut to the limit and ends with `…`. CJK characters count
/// as one word each.
public struct ExtractiveSummarizer: Sendable {
    /// Maximum words in a summary.
    public var maxWords: Int

    /// Sentences shorter than this (greetings, sign-offs) score 30% and do not get the first-sentence bonus.
    static let shortSentenceWords = 4
    /// Sentences scoring below this share of the best one are left out even when they fit.
    static let relativeScoreFloor = 0.25

    public init(maxWords: Int = 60) {
        self.maxWords = maxWords
    }

    /// The summary of a ticket.
    public func summarize(subject: String, body: String) -> String {
        let sentences = Self.sentences(body)
        guard !sentences.isEmpty, maxWords > 0 else { return Self.truncate(subject, to: maxWords) }
        var vocabulary: [String: Int] = [:]
        let tokenized: [[Int]] = sentences.map { sentence in
            TextNormalizer.words(sentence).map { word in
                if let id = vocabulary[word] { return id }
                let id = vocabulary.count
                vocabulary[word] = id
                return id
            }
        }
        var informative = [Bool](repeating: false, count: vocabulary.count)
        for (word, id) in vocabulary {
            informative[id] = word.unicodeScalars.count > 2 || TextNormalizer.isCJK(word.unicodeScalars.first!.value)
        }
        var termFrequency = [Double](repeating: 0, count: vocabulary.count)
        var sentenceFrequency = [Double](repeating: 0, count: vocabulary.count)
        var lastSentence = [Int](repeating: -1, count: vocabulary.count)
        for (position, tokens) in tokenized.enumerated() {
            for id in tokens {
                termFrequency[id] += 1
                if lastSentence[id] != position {
                    lastSentence[id] = position
                    sentenceFrequency[id] += 1
                }
            }
        }
        var inSubject = [Bool](repeating: false, count: vocabulary.count)
        for word in TextNormalizer.words(subject) { if let id = vocabulary[word] { inSubject[id] = true } }
        let count = Double(sentences.count)
        let firstSubstantive = tokenized.firstIndex { $0.count >= Self.shortSentenceWords }
        var scores: [Double] = []
        lastSentence = [Int](repeating: -1, count: vocabulary.count)
        for (position, tokens) in tokenized.enumerated() {
            guard !tokens.isEmpty else { scores.append(0); continue }
            var score = 0.0
            for id in tokens where informative[id] && lastSentence[id] != position {
                lastSentence[id] = position
                var weight = termFrequency[id] * log1p(count / sentenceFrequency[id])
                if inSubject[id] { weight *= 2 }
                score += weight
            }
            score /= Double(tokens.count).squareRoot()
            if position == firstSubstantive { score *= 1.5 }
            if tokens.count < Self.shortSentenceWords { score *= 0.3 }
            scores.append(score)
        }
        let ranking = scores.indices.sorted { (scores[$0], -$0) > (scores[$1], -$1) }
        var chosen: [Int] = []
        var used = 0
        let floor = scores[ranking[0]] * Self.relativeScoreFloor
        for index in ranking where scores[index] >= floor {
            let words = Self.wordCount(sentences[index])
            if used + words <= maxWords {
                chosen.append(index)
                used += words
            }
        }
        if chosen.isEmpty { return Self.truncate(sentences[ranking[0]], to: maxWords) }
        return chosen.sorted().map { sentences[$0] }.joined(separator: " ")
    }

    /// Splits on `.`, `!`, `?` followed by a space, their CJK forms and line breaks; trims and drops pieces
    /// without a letter or digit.
    static func sentences(_ text: String) -> [String] {
        let scalars = text.unicodeScalars
        var result: [String] = []
        var start = scalars.startIndex
        func cut(_ end: String.UnicodeScalarView.Index) {
            var low = start
            var high = end
            while low < high && scalars[low].properties.isWhitespace { low = scalars.index(after: low) }
            while low < high && scalars[scalars.index(before: high)].properties.isWhitespace { high = scalars.index(before: high) }
            let piece = scalars[low..<high]
            if piece.contains(where: { $0.isASCII ? ($0.value >= 0x30 && $0.value <= 0x39) || ($0.value | 0x20 >= 0x61 && $0.value | 0x20 <= 0x7A)
                : ($0.properties.isAlphabetic || $0.properties.numericType != nil) }) {
                result.append(String(piece))
            }
        }
        var previous: Unicode.Scalar = " "
        var index = scalars.startIndex
        while index != scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            switch scalar {
            case "\n", "\r", "\u{2028}", "\u{2029}":
                cut(index)
                start = next
            case "。", "！", "？":
                cut(next)
                start = next
            case " " where previous == "." || previous == "!" || previous == "?":
                cut(index)
                start = next
            default:
                break
            }
            previous = scalar
            index = next
        }
        cut(scalars.endIndex)
        return result
    }

    /// Words of `text`: runs of non-space characters that contain a letter or digit, each CJK character counted
    /// separately (punctuation alone, such as `…` or `-`, is not a word).
    static func wordCount(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let (starts, next) = step(scalar, inWord: inWord)
            if starts { count += 1 }
            inWord = next
        }
        return count
    }

    /// Whether `scalar` starts a word, and whether a word continues after it.
    private static func step(_ scalar: Unicode.Scalar, inWord: Bool) -> (starts: Bool, inWord: Bool) {
        if scalar.isASCII {
            switch scalar.value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return (!inWord, true)
            case 0x09...0x0D, 0x20: return (false, false)
            default: return (false, inWord)
            }
        }
        if TextNormalizer.isCJK(scalar.value) { return (true, false) }
        if scalar.properties.isWhitespace { return (false, false) }
        if scalar.properties.isAlphabetic || scalar.properties.numericType != nil { return (!inWord, true) }
        return (false, inWord)
    }

    /// The first `limit` words of `text`, followed by `…` when cut.
    static func truncate(_ text: String, to limit: Int) -> String {
        guard wordCount(text) > limit else { return text }
        var result = String.UnicodeScalarView()
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let (starts, next) = step(scalar, inWord: inWord)
            if starts {
                if count == limit { break }
                count += 1
            }
            inWord = next
            result.append(scalar)
        }
        return String(result).trimmingCharacters(in: .whitespaces) + "…"
    }
}
