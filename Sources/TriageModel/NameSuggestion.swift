/// "Did you mean …?" for misspelt names: rule fields, operators, actions and keys, and configuration keys.
public enum NameSuggestion {
    /// The candidate closest to `name` by edit distance, when it is close enough to be a likely typo.
    public static func closest(to name: String, in candidates: [String]) -> String? {
        let limit = max(2, min(3, name.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(Array(name.lowercased()), Array(candidate.lowercased()))
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// `"; did you mean 'x'?"` or, without a close match, `"; expected a, b, c"`.
    public static func hint(for name: String, in candidates: [String], listing: String? = nil) -> String {
        if let match = closest(to: name, in: candidates) { return "; did you mean '\(match)'?" }
        return "; expected one of " + (listing ?? candidates.joined(separator: ", "))
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
