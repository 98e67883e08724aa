import Foundation

/// Replaces emails, phone numbers, card numbers, IBANs and configured patterns with numbered placeholders.
///
/// Pure and deterministic. Card numbers (13–19 digits, spaces or dashes allowed) must pass the Luhn check and IBANs
/// the mod-97 check, so order numbers are left alone. Phone numbers need 7–15 digits and are not dates. Kinds are
/// applied in the order: custom patterns, emails, IBANs, cards, phones; the same value gets the same placeholder.
/// Numbers glued to Latin letters or digits (`order12345678`) are not taken for phones or IBANs; CJK text around
/// them is fine (`电话13812345678`). Known limit: a phone number directly followed by more digit groups
/// (more than 15 digits in one run) is left alone.
///
/// ```swift
/// let redacted = try PIIRedactor().redact("Mail me at ana@example.com")
/// // redacted.text == "Mail me at [EMAIL_1]"; redacted.restore(redacted.text) gives the original back
/// ```
public struct PIIRedactor: @unchecked Sendable {
    /// A configured extra pattern: matches become `[NAME_n]` with the name uppercased.
    public struct Pattern: Sendable, Hashable, Codable {
        public var name: String
        public var regex: String

        public init(name: String, regex: String) {
            self.name = name
            self.regex = regex
        }
    }

    /// Which kinds to redact.
    public struct Options: Sendable, Hashable {
        public var emails: Bool
        public var phones: Bool
        public var cards: Bool
        public var ibans: Bool
        public var extraPatterns: [Pattern]

        public init(emails: Bool = true, phones: Bool = true, cards: Bool = true, ibans: Bool = true,
                    extraPatterns: [Pattern] = []) {
            self.emails = emails
            self.phones = phones
            self.cards = cards
            self.ibans = ibans
            self.extraPatterns = extraPatterns
        }
    }

    /// One compiled rule. `NSRegularExpression` is immutable and documented as thread-safe, hence the unchecked
    /// `Sendable` of the redactor.
    struct Rule {
        var kind: String
        var regex: NSRegularExpression
        var accept: (String) -> String?
    }

    let rules: [Rule]

    /// Compiles the rules; throws ``LocalModelError/invalidRedactionPattern(name:pattern:reason:)`` for a bad pattern.
    public init(options: Options = Options()) throws {
        var rules: [Rule] = []
        for pattern in options.extraPatterns {
            do {
                let regex = try NSRegularExpression(pattern: pattern.regex)
                rules.append(Rule(kind: pattern.name.uppercased().replacingOccurrences(of: " ", with: "_"), regex: regex) { $0 })
            } catch {
                throw LocalModelError.invalidRedactionPattern(name: pattern.name, pattern: pattern.regex, reason: "\(error)")
            }
        }
        if options.emails {
            rules.append(Rule(kind: "EMAIL", regex: Self.compile(#"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"#)) { $0 })
        }
        if options.ibans {
            rules.append(Rule(kind: "IBAN", regex: Self.compile(#"(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])"#), accept: Self.longestValidIBAN))
        }
        if options.cards {
            rules.append(Rule(kind: "CARD", regex: Self.compile(#"(?<![0-9])[0-9](?:[ \-]?[0-9]){12,18}(?![0-9])"#)) {
                Self.passesLuhn($0) ? $0 : nil
            })
        }
        if options.phones {
            rules.append(Rule(kind: "PHONE", regex: Self.compile(#"(?<![A-Za-z0-9+])(?:\+|00)?[0-9(][0-9 ().\-/]{5,}[0-9](?![0-9])"#)) {
                let digits = $0.filter(\.isNumber).count
                return (7...15).contains(digits) && !Self.looksLikeDate($0) ? $0 : nil
            })
        }
        self.rules = rules
    }

    private static func compile(_ pattern: String) -> NSRegularExpression {
        // The built-in patterns are constants checked by the tests.
        try! NSRegularExpression(pattern: pattern)
    }

    /// Redacts `text`.
    public func redact(_ text: String) -> RedactedText {
        var current = text
        var replacements: [String: String] = [:]
        var byValue: [String: String] = [:]
        var counters: [String: Int] = [:]
        for rule in rules {
            let source = current as NSString
            let matches = rule.regex.matches(in: current, range: NSRange(location: 0, length: source.length))
            guard !matches.isEmpty else { continue }
            var output = ""
            var cursor = 0
            for match in matches {
                let matched = source.substring(with: match.range)
                guard let accepted = rule.accept(matched) else { continue }
                let acceptedLength = (accepted as NSString).length
                let key = rule.kind + "\u{0}" + accepted
                let placeholder: String
                if let existing = byValue[key] {
                    placeholder = existing
                } else {
                    counters[rule.kind, default: 0] += 1
                    placeholder = "[\(rule.kind)_\(counters[rule.kind]!)]"
                    byValue[key] = placeholder
                    replacements[placeholder] = accepted
                }
                output += source.substring(with: NSRange(location: cursor, length: match.range.location - cursor))
                output += placeholder
                cursor = match.range.location + acceptedLength
            }
            output += source.substring(from: cursor)
            current = output
        }
        return RedactedText(text: current, replacements: replacements)
    }

    /// The longest prefix of an IBAN candidate (ending at a character) that passes mod-97, or `nil`.
    static func longestValidIBAN(_ candidate: String) -> String? {
        var end = candidate.endIndex
        while end > candidate.startIndex {
            let prefix = String(candidate[..<end]).trimmingCharacters(in: .whitespaces)
            if prefix.filter({ !$0.isWhitespace }).count < 15 { return nil }
            if passesIBANCheck(prefix) { return prefix }
            end = candidate.index(before: end)
        }
        return nil
    }
}
