import Testing

@Suite("Golden file diff")
struct GoldenFileTests {
    @Test func diffShowsOnlyChangedLinesWithNumbers() {
        let diff = GoldenFile.diff(expected: "a\nb\nc", actual: "a\nB\nc\nd")
        #expect(diff == "line 2 - b\nline 2 + B\nline 4 + d")
    }

    @Test func diffIsCapped() {
        let expected = (0..<100).map(String.init).joined(separator: "\n")
        let actual = (0..<100).map { "x\($0)" }.joined(separator: "\n")
        #expect(GoldenFile.diff(expected: expected, actual: actual, limit: 3).split(separator: "\n").count == 6)
    }
}
