import MailParser
import Testing

@Suite struct EncodedWordTests {
    @Test(arguments: [
        ("=?UTF-8?Q?caf=C3=A9?=", "café"),
        ("=?iso-8859-1?q?Gr=FC=DFe_aus_K=F6ln?=", "Grüße aus Köln"),
        ("=?UTF-8?B?w6k=?=", "é"),
        ("plain text", "plain text"),
        ("=?utf-8?q?a?= =?utf-8?q?b?=", "ab"),
        ("x =?utf-8?q?a?= y", "x a y"),
        ("=?UTF-8*en?Q?hello?=", "hello"),
        ("=?broken", "=?broken"),
        ("=?utf-8?X?abc?=", "=?utf-8?X?abc?="),
        ("=?utf-8?q?has space?=", "=?utf-8?q?has space?="),
    ])
    func decodes(input: String, expected: String) {
        #expect(EncodedWord.decode(input) == expected)
    }

    @Test func joinsBytesOfAdjacentWordsBeforeDecoding() {
        // "é" (C3 A9) split across two B words: only correct when bytes are joined first.
        #expect(EncodedWord.decode("=?UTF-8?B?w4==?= =?UTF-8?B?qQ==?=") == "é")
    }

    @Test func decodesISO2022JP() {
        #expect(EncodedWord.decode("=?ISO-2022-JP?B?GyRCRnxLXBsoQg==?=") == "日本")
    }
}
