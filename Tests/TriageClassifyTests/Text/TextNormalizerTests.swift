import Testing
@testable import TriageClassify

@Suite("TextNormalizer")
struct TextNormalizerTests {
    @Test(arguments: [
        ("Ärger über Café-Preise!", ["arger", "uber", "cafe", "preise"]),
        ("Straße", ["strasse"]),
        ("ŁÓDŹ, Kraków", ["łodz", "krakow"]),
        ("Ошибка ОПЛАТЫ", ["ошибка", "оплаты"]),
        ("谢谢 you", ["谢", "谢", "you"]),
        ("ログイン error_42", ["ロ", "グ", "イ", "ン", "error", "42"]),
        ("  ...  ", []),
    ])
    func words(text: String, expected: [String]) {
        #expect(TextNormalizer.words(text) == expected)
    }
}
