extension PIIRedactor {
    /// The Luhn checksum over the digits of `candidate` (other characters ignored).
    public static func passesLuhn(_ candidate: String) -> Bool {
        let digits = candidate.compactMap(\.wholeNumberValue)
        guard digits.count >= 2 else { return false }
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            if offset % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }

    /// The ISO 13616 check: move the first four characters to the end, letters to 10…35, remainder mod 97 is 1.
    public static func passesIBANCheck(_ candidate: String) -> Bool {
        let compact = candidate.filter { !$0.isWhitespace }.uppercased()
        guard (15...34).contains(compact.count), compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
              compact.prefix(2).allSatisfy(\.isLetter), compact.dropFirst(2).prefix(2).allSatisfy(\.isNumber)
        else { return false }
        let rearranged = compact.dropFirst(4) + compact.prefix(4)
        var remainder = 0
        for character in rearranged {
            if let digit = character.wholeNumberValue {
                remainder = (remainder * 10 + digit) % 97
            } else if let ascii = character.asciiValue {
                remainder = (remainder * 100 + Int(ascii) - 55) % 97
            }
        }
        return remainder == 1
    }

    /// Whether a phone candidate is really a date or time (`2024-01-15`, `15.01.2024`, `12:30`).
    static func looksLikeDate(_ candidate: String) -> Bool {
        let groups = candidate.split(whereSeparator: { !$0.isNumber }).map(\.count)
        return groups == [4, 2, 2] || groups == [2, 2, 4] || groups == [1, 2, 4] || groups == [2, 1, 4]
            || groups == [1, 1, 4] || groups == [4, 1, 1] || groups == [4, 2, 1] || groups == [4, 1, 2]
    }
}
