import TriageModel

/// Transparent keyword rules for priority, sentiment and risk, used when a ticket has no human label.
///
/// Rules (lexicons in ``TriageHeuristics+Lexicons.swift``, English, German, French, Spanish, Italian, Portuguese,
/// Dutch, Swedish, Polish and a few Japanese/Chinese/Russian entries):
/// - **Priority**: any *urgent* term (outage, "is down", data loss, breach…) → urgent; else any *high* term (urgent,
///   asap, "not working", charged twice…) → high; else any *low* term (feature request, no rush, just wondering…) →
///   low; else normal. Angry punctuation (see below) raises normal to high.
/// - **Sentiment**: negative terms count 2, angry punctuation (`!!`, `?!`, three or more shouted words) counts 2,
///   positive terms (thanks, great…) count 1; the larger side wins, a tie is neutral. A polite "thanks" does not
///   cancel an angry complaint.
/// - **Risk**: legal threats (lawsuit, lawyer, court…) and security terms (hacked, phishing, breach…) set
///   `needsHuman` with the matched terms as the reason.
public struct TriageHeuristics: Sendable {
    public struct Assessment: Sendable, Hashable {
        public var priority: Priority
        public var sentiment: Sentiment
        /// Matched legal or security terms, empty when none.
        public var riskTerms: [String]
        /// The terms behind the decisions, for explanations.
        public var evidence: [String]
    }

    public init() {}

    /// Applies the rules to a ticket's subject and body.
    public func assess(subject: String, body: String) -> Assessment {
        let text = subject + "\n" + body
        return assess(text: text, tokens: TextNormalizer.words(text))
    }

    /// Applies the rules to `text` whose ``TextNormalizer/words(_:)`` are `tokens` (computed once by the caller).
    public func assess(text: String, tokens: [String]) -> Assessment {
        let found = Self.lexicon.matches(in: tokens)
        let (urgent, high, low, negative, positive) = (found[0], found[1], found[2], found[3], found[4])
        let angry = Self.isAngry(text)

        let priority: Priority
        if !urgent.isEmpty {
            priority = .urgent
        } else if !high.isEmpty || angry {
            priority = .high
        } else if !low.isEmpty {
            priority = .low
        } else {
            priority = .normal
        }
        let negativeScore = 2 * negative.count + (angry ? 2 : 0)
        let positiveScore = positive.count
        let sentiment: Sentiment = negativeScore > positiveScore ? .negative : positiveScore > negativeScore ? .positive : .neutral
        let risk = found[5].map { "legal: \($0)" } + found[6].map { "security: \($0)" }
        var evidence = (urgent + high + low).map { "priority: \($0)" } + (negative + positive).map { "sentiment: \($0)" }
        if angry { evidence.append("angry punctuation") }
        return Assessment(priority: priority, sentiment: sentiment, riskTerms: risk, evidence: evidence)
    }

    /// `!!`, `?!`, `!?`, or three or more shouted words (all capitals, four letters or more).
    static func isAngry(_ text: String) -> Bool {
        var shouted = 0
        var upper = 0
        var lower = false
        var previous: Unicode.Scalar = " "
        func endWord() {
            if upper >= 4 && !lower { shouted += 1 }
            upper = 0
            lower = false
        }
        for scalar in text.unicodeScalars {
            if (scalar == "!" && (previous == "!" || previous == "?")) || (scalar == "?" && previous == "!") { return true }
            previous = scalar
            if scalar.isASCII {
                switch scalar.value {
                case 0x41...0x5A: upper += 1
                case 0x61...0x7A, 0x30...0x39: lower = true
                default: endWord()
                }
            } else if scalar.properties.isUppercase {
                upper += 1
            } else if scalar.properties.isAlphabetic {
                lower = true
            } else {
                endWord()
            }
        }
        endWord()
        return shouted >= 3
    }
}
