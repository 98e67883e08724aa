import Foundation

/// Turns ticket text into hashed word uni/bi-grams and character 3–5-grams (the hashing trick).
///
/// Words come from ``TextNormalizer`` (lowercased, diacritics folded); digits are mapped to `0` so order numbers
/// generalize. Character n-grams are taken inside each word padded with `<` and `>`; consecutive CJK characters give
/// character uni-, bi- and trigrams instead. The subject counts twice: it is the densest part of a ticket.
public struct FeatureHasher: Sendable, Hashable, Codable {
    /// Number of buckets is `1 << hashBits`.
    public var hashBits: Int
    /// Longest word (in scalars) whose character n-grams are taken; longer words keep only their word feature.
    public var maxNGramWordLength: Int

    public init(hashBits: Int = 18, maxNGramWordLength: Int = 24) {
        self.hashBits = hashBits
        self.maxNGramWordLength = maxNGramWordLength
    }

    public var bucketCount: Int { 1 << hashBits }

    private static let wordSeed: UInt64 = 0x5157_4f52_4431
    private static let bigramSeed: UInt64 = 0x4249_4752_414d
    private static let charSeed: UInt64 = 0x4348_4152_4e47
    private static let cjkSeed: UInt64 = 0x434a_4b43_4a4b

    /// The features of a ticket's subject and body.
    public func features(subject: String, body: String) -> SparseFeatures {
        var features = termFrequencies(subject: subject, body: body)
        features.normalize()
        return features
    }

    /// The sublinear term frequencies (`1 + log(count)`) of a ticket's subject and body, not normalized: the
    /// model multiplies them by its inverse document frequencies before normalizing.
    public func termFrequencies(subject: String, body: String) -> SparseFeatures {
        var raw: [UInt32] = []
        raw.reserveCapacity((subject.utf8.count * 2 + body.utf8.count) * 2)
        collect(subject, into: &raw)
        collect(subject, into: &raw)
        collect(body, into: &raw)
        return Self.count(raw)
    }

    /// Appends the bucket of every feature occurrence in `text`.
    func collect(_ text: String, into raw: inout [UInt32]) {
        let mask = UInt64(bucketCount - 1)
        var previousWord: UInt64 = 0
        var cjk1: UInt64 = 0
        var cjk2: UInt64 = 0
        var padded: [UInt32] = []
        padded.reserveCapacity(maxNGramWordLength + 2)
        TextNormalizer.forEachToken(in: text) { token, isCJK in
            if isCJK {
                let char = StableHash.mix(Self.cjkSeed ^ UInt64(token[0]))
                raw.append(UInt32(truncatingIfNeeded: char & mask))
                if cjk1 != 0 {
                    let bigram = StableHash.mix(cjk1 &* 31 ^ char)
                    raw.append(UInt32(truncatingIfNeeded: bigram & mask))
                    if cjk2 != 0 {
                        raw.append(UInt32(truncatingIfNeeded: StableHash.mix(cjk2 &* 961 ^ bigram) & mask))
                    }
                }
                cjk2 = cjk1
                cjk1 = char
                previousWord = 0
                return
            }
            cjk1 = 0
            cjk2 = 0
            var word = Self.wordSeed
            for scalar in token { word = (word ^ UInt64(Self.foldDigit(scalar))) &* StableHash.prime }
            word = StableHash.mix(word)
            raw.append(UInt32(truncatingIfNeeded: word & mask))
            if previousWord != 0 {
                raw.append(UInt32(truncatingIfNeeded: StableHash.mix(previousWord ^ Self.bigramSeed ^ (word << 1)) & mask))
            }
            previousWord = word
            guard token.count <= maxNGramWordLength else { return }
            padded.removeAll(keepingCapacity: true)
            padded.append(0x3C)
            for scalar in token { padded.append(Self.foldDigit(scalar)) }
            padded.append(0x3E)
            let length = padded.count
            for start in 0..<length {
                var hash = Self.charSeed
                var n = 0
                var index = start
                while index < length && n < 5 {
                    hash = (hash ^ UInt64(padded[index])) &* StableHash.prime
                    n += 1
                    index += 1
                    if n >= 3 { raw.append(UInt32(truncatingIfNeeded: StableHash.mix(hash ^ UInt64(n)) & mask)) }
                }
            }
        }
    }

    @inline(__always)
    private static func foldDigit(_ scalar: UInt32) -> UInt32 {
        (scalar >= 0x30 && scalar <= 0x39) ? 0x30 : scalar
    }

    /// Counts occurrences in an open-addressing table (bucket numbers are already hashes, so they index it
    /// directly) and weights each bucket by `1 + log(count)`. The order of the buckets is deterministic for a given
    /// text but not sorted.
    static func count(_ raw: [UInt32]) -> SparseFeatures {
        guard !raw.isEmpty else { return SparseFeatures(indices: [], values: []) }
        var capacity = 16
        while capacity < raw.count * 2 { capacity <<= 1 }
        let mask = capacity - 1
        let empty = UInt32.max
        var keys = [UInt32](repeating: empty, count: capacity)
        var counts = [UInt32](repeating: 0, count: capacity)
        var indices: [UInt32] = []
        var values: [Float] = []
        indices.reserveCapacity(raw.count)
        values.reserveCapacity(raw.count)
        keys.withUnsafeMutableBufferPointer { keys in
            counts.withUnsafeMutableBufferPointer { counts in
                for index in raw {
                    var slot = Int(truncatingIfNeeded: index) & mask
                    while keys[slot] != empty && keys[slot] != index { slot = (slot &+ 1) & mask }
                    keys[slot] = index
                    counts[slot] &+= 1
                }
                for slot in 0..<capacity where keys[slot] != empty {
                    let weight = counts[slot] == 1 ? 1 : 1 + logf(Float(counts[slot]))
                    indices.append(keys[slot])
                    values.append(weight)
                }
            }
        }
        return SparseFeatures(indices: indices, values: values)
    }
}
