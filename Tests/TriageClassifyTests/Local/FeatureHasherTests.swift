import Testing
@testable import TriageClassify

@Suite("FeatureHasher")
struct FeatureHasherTests {
    let hasher = FeatureHasher(hashBits: 16)

    @Test func featuresAreUniqueInRangeAndUnitLength() {
        let features = hasher.features(subject: "Refund", body: "Please refund the refund of my refund, thanks.")
        #expect(!features.indices.isEmpty)
        #expect(features.indices.count == Set(features.indices).count)
        #expect(features.indices.allSatisfy { Int($0) < hasher.bucketCount })
        let norm = features.values.reduce(0) { $0 + $1 * $1 }
        #expect(abs(norm - 1) < 1e-5)
    }

    @Test func caseAndDiacriticsDoNotMatter() {
        #expect(hasher.features(subject: "", body: "CAFÉ Ärger") == hasher.features(subject: "", body: "cafe arger"))
        #expect(hasher.features(subject: "", body: "cafe") != hasher.features(subject: "", body: "coffee"))
    }

    @Test func digitsAreGeneralized() {
        #expect(hasher.features(subject: "", body: "order 12345") == hasher.features(subject: "", body: "order 98761"))
    }

    @Test func cjkTextYieldsCharacterNGrams() {
        let features = hasher.features(subject: "", body: "请帮我退款")
        // Five characters: 5 unigrams + 4 bigrams + 3 trigrams, barring collisions.
        #expect(features.indices.count >= 11)
        #expect(hasher.features(subject: "", body: "退款") != hasher.features(subject: "", body: "款退"))
    }

    @Test func emptyTextHasNoFeatures() {
        #expect(hasher.features(subject: "", body: " ... ").indices.isEmpty)
    }
}
