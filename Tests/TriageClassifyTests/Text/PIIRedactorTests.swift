import Testing
@testable import TriageClassify

@Suite("PIIRedactor")
struct PIIRedactorTests {
    let redactor = try! PIIRedactor()

    @Test(arguments: [
        ("4111 1111 1111 1111", true),
        ("4111-1111-1111-1111", true),
        ("5500000000000004", true),
        ("378282246310005", true),
        ("4111 1111 1111 1112", false),
        ("1234 5678 9012 3456", false),
    ])
    func cardsNeedAValidLuhnChecksum(card: String, redacted: Bool) {
        let result = redactor.redact("card: \(card) thanks")
        #expect((result.text == "card: [CARD_1] thanks") == redacted, "\(result.text)")
        #expect(PIIRedactor.passesLuhn(card) == redacted)
        if !redacted { #expect(!result.text.contains("CARD")) }
    }

    @Test(arguments: [
        ("DE89 3704 0044 0532 0130 00", true),
        ("DE89370400440532013000", true),
        ("GB82 WEST 1234 5698 7654 32", true),
        ("FR14 2004 1010 0505 0001 3M02 606", true),
        ("DE89 3704 0044 0532 0130 01", false),
        ("GB82 WEST 1234 5698 7654 33", false),
    ])
    func ibansNeedAValidMod97Check(iban: String, valid: Bool) {
        #expect(PIIRedactor.passesIBANCheck(iban) == valid)
        let result = redactor.redact("Please pay to \(iban) today")
        #expect((result.text == "Please pay to [IBAN_1] today") == valid, "\(result.text)")
        if valid { #expect(result.replacements["[IBAN_1]"] == iban) }
    }

    @Test func anIBANFollowedByCapitalsKeepsTheWords() {
        let result = redactor.redact("IBAN DE89 3704 0044 0532 0130 00 THANKS")
        #expect(result.text == "IBAN [IBAN_1] THANKS")
    }

    @Test(arguments: [
        ("call +49 30 1234567 now", "call [PHONE_1] now"),
        ("call (555) 123-4567 now", "call [PHONE_1] now"),
        ("call 0044 20 7946 0958", "call [PHONE_1]"),
        ("since 2024-01-15 at 12:30", "since 2024-01-15 at 12:30"),
        ("order 12345 shipped", "order 12345 shipped"),
        ("on 15.01.2024 we", "on 15.01.2024 we"),
        ("电话13812345678谢谢", "电话[PHONE_1]谢谢"),
        ("ref12345678", "ref12345678"),
    ])
    func phones(text: String, expected: String) {
        #expect(redactor.redact(text).text == expected)
    }

    @Test func emailsGetStablePlaceholdersAndRestore() {
        let text = "From ana.silva@example.co.uk to bob@example.com, cc ana.silva@example.co.uk"
        let result = redactor.redact(text)
        #expect(result.text == "From [EMAIL_1] to [EMAIL_2], cc [EMAIL_1]")
        #expect(result.replacements == ["[EMAIL_1]": "ana.silva@example.co.uk", "[EMAIL_2]": "bob@example.com"])
        #expect(result.restore(result.text) == text)
        #expect(result.restore("Customer [EMAIL_2] asks") == "Customer bob@example.com asks")
    }

    @Test func everythingTogetherRestoresExactly() {
        let text = "Hi, I'm jo@example.org, phone +1 415 555 0100, card 4111 1111 1111 1111, IBAN DE89370400440532013000."
        let result = redactor.redact(text)
        #expect(!result.text.contains("jo@") && !result.text.contains("4111") && !result.text.contains("DE89"))
        #expect(!result.text.contains("555"))
        #expect(result.restore(result.text) == text)
    }

    @Test func extraPatternsAndDisabledKinds() throws {
        let custom = try PIIRedactor(options: .init(phones: false, extraPatterns: [.init(name: "order id", regex: "ORD-[0-9]+")]))
        let result = custom.redact("ORD-991 for +49 30 1234567")
        #expect(result.text == "[ORDER_ID_1] for +49 30 1234567")
    }

    @Test func anInvalidPatternIsReported() {
        let error = #expect(throws: LocalModelError.self) {
            try PIIRedactor(options: .init(extraPatterns: [.init(name: "broken", regex: "([a-z")]))
        }
        #expect(error?.description.contains("broken") == true)
    }

    @Test func textWithoutPersonalDataIsUntouched() {
        let text = "The export fails with error 500 since version 3.2.1."
        let result = redactor.redact(text)
        #expect(result.text == text)
        #expect(result.replacements.isEmpty)
    }
}

@Suite("PIIRedactor properties")
struct PIIRedactorPropertyTests {
    /// Random texts mixing words, digits, separators, emails, cards and IBANs (pieces separated by a comma and a
    /// space, as in prose): no personal value survives, and restoring gives the original back.
    @Test func restoreInvertsRedactionOnRandomText() throws {
        let redactor = try PIIRedactor()
        let pieces = ["hello", "order", "42", "4111 1111 1111 1111", "x@y.io", "+44 20 7946 0958", "DE89370400440532013000",
                      "-", "(", ")", ".", "2024-01-15", "ünïcode", "电话", "1234567", "  ", "\n", "#", "[EMAIL_9]"]
        var state: UInt64 = 12_345
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<12 {
                state = StableHash.mix(state)
                text += pieces[Int(state % UInt64(pieces.count))]
                text += ", "
            }
            let redacted = redactor.redact(text)
            if text.contains("[EMAIL_9]") { continue }
            #expect(redacted.restore(redacted.text) == text, "\(text)")
            for original in redacted.replacements.values { #expect(!redacted.text.contains(original)) }
            for secret in ["4111 1111 1111 1111", "x@y.io", "7946 0958", "DE89370400440532013000", "1234567"] {
                #expect(!redacted.text.contains(secret), "\(redacted.text)")
            }
        }
    }
}
